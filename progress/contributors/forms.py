"""Forms of the contributors' pages and of the invitation link."""

from django import forms
from django.contrib.auth.forms import SetPasswordMixin
from django.utils.translation import gettext_lazy as _

from accounts.forms import AddressField
from accounts.models import User
from mandates.models import Mandate


class MandateChoiceField(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, mandate: Mandate) -> str:
        return str(mandate)


def _mandate_field() -> MandateChoiceField:
    return MandateChoiceField(
        label=_("Mandates"),
        help_text=_(
            "The contributor may draft the reports on these mandates and add their "
            "evidence, and sees nothing else of the participant that is private."
        ),
        queryset=Mandate.objects.order_by("number"),
        error_messages={"required": _("Choose at least one mandate.")},
    )


class ContributorInviteForm(forms.Form):
    email = AddressField(
        label=_("Email address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mandates"] = _mandate_field()


class ContributorMandatesForm(forms.Form):
    """The contributor's mandates; `shown` is what the form showed, so that a
    change made meanwhile by another focal point is not overwritten."""

    shown = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mandates"] = _mandate_field()

    @staticmethod
    def initial_for(numbers) -> dict:
        return {
            "mandates": list(Mandate.objects.filter(number__in=numbers)),
            "shown": ",".join(str(n) for n in numbers),
        }

    def shown_numbers(self) -> set[int] | None:
        """The numbers the form showed; None if it did not say (no check)."""
        shown = (self.cleaned_data.get("shown") or "").split(",")
        numbers = {int(n) for n in shown if n.strip().isdigit()}
        return numbers or None


class InvitationAcceptForm(SetPasswordMixin, forms.Form):
    """A new person's name and password; the address is the invitation's."""

    full_name = forms.CharField(
        label=_("Full name"),
        max_length=User._meta.get_field("full_name").max_length,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    password1, password2 = SetPasswordMixin.create_password_fields(
        label1=_("Password"), label2=_("Password again")
    )
    agree = forms.BooleanField(
        label=_(
            "I understand that my name is shown, to the focal points and the "
            "secretariat, beside every change I make to a report."
        ),
        error_messages={"required": _("Tick this box to accept the invitation.")},
    )

    def __init__(self, *args, email: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.email = email

    def clean(self):
        cleaned = super().clean()
        self.validate_passwords()
        # The validators compare the password with the person's name and address.
        person = User(email=self.email, full_name=cleaned.get("full_name") or "")
        self.validate_password_for_user(person)
        return cleaned
