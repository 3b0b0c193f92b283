from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from . import throttle


def client_ip(request) -> str:
    # Behind a proxy, settings.BEHIND_PROXY makes REMOTE_ADDR trustworthy only if
    # the proxy sets it; we never trust a client-supplied X-Forwarded-For here.
    return request.META.get("REMOTE_ADDR", "") if request else ""


class SignInForm(AuthenticationForm):
    username = forms.EmailField(
        label=_("Email address"),
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
    )

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _(
            "The email address or the password is not right. Check both and try "
            "again; after five failed attempts, signing in pauses for 15 minutes."
        ),
        "locked": _(
            "Too many failed sign-ins. For your security, signing in is paused for "
            "15 minutes. You can reset your password meanwhile."
        ),
    }

    def clean(self):
        email = self.cleaned_data.get("username") or ""
        ip = client_ip(self.request)
        if throttle.signin_locked(email, ip):
            raise forms.ValidationError(self.error_messages["locked"], code="locked")
        try:
            cleaned = super().clean()
        except forms.ValidationError:
            throttle.signin_failed(email, ip)
            raise
        throttle.signin_succeeded(email)
        return cleaned
