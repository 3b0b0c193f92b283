from datetime import timedelta

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.utils.translation import gettext_lazy as _

from .addresses import normalise_email


class AddressField(forms.EmailField):
    """An email address in the one spelling that accounts are kept under."""

    def to_python(self, value):
        return normalise_email(super().to_python(value))


class SignInForm(AuthenticationForm):
    """Email and password. The lock-out (django-axes) watches authenticate()."""

    username = AddressField(
        label=_("Email address"),
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
    )

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _(
            "The email address or the password is not right. Check both and try "
            "again; after %(limit)s failed attempts, signing in pauses for "
            "%(minutes)s minutes."
        ),
    }

    def get_invalid_login_error(self):
        return forms.ValidationError(
            self.error_messages["invalid_login"],
            code="invalid_login",
            params={
                "limit": settings.AXES_FAILURE_LIMIT,
                "minutes": int(settings.AXES_COOLOFF_TIME / timedelta(minutes=1)),
            },
        )


class AddressPasswordResetForm(PasswordResetForm):
    """Django's reset form, finding the account by the sign-in's own key."""

    email = AddressField(
        label=_("Email"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    def get_users(self, email):
        users = get_user_model()._default_manager.filter(
            email=normalise_email(email), is_active=True
        )
        return (user for user in users if user.has_usable_password())


class SecondFactorForm(forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=40,
        help_text=_(
            "The six digits that your authenticator app shows now, or one of your "
            "recovery codes."
        ),
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "autocapitalize": "off",
                "spellcheck": "false",
                "autofocus": True,
            }
        ),
    )


class AuthenticatorConfirmForm(forms.Form):
    code = forms.CharField(
        label=_("Code from the app"),
        max_length=12,
        help_text=_("The six digits that the app shows for this portal."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}
        ),
    )


class NotificationSettingsForm(forms.Form):
    reminders_enabled = forms.BooleanField(
        label=_("Send me email reminders"),
        required=False,
    )
