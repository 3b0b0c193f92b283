"""Forms of civil society: the application, the invitation, observations,
their documents, moderation and replies. Each text says its length limit."""

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.forms import AddressField
from accounts.models import Participant
from common.forms import LengthLimitsShown, LongTextField
from mandates.models import Mandate
from progress.contributors.forms import InvitationAcceptForm
from progress.models import ReportingCycle

from .models import (
    REASON_LIMIT,
    Assessment,
    Observation,
    ObservationDocument,
    Organisation,
    Reply,
)


def _limit(model, name: str) -> int:
    return model._meta.get_field(name).max_length


class ApplicationForm(LengthLimitsShown, forms.Form):
    name = forms.CharField(
        label=_("Name of the organisation"), max_length=_limit(Organisation, "name")
    )
    scope = forms.ModelChoiceField(
        label=_("Country or entity it works on"),
        queryset=Participant.objects.none(),
        required=False,
        empty_label=_("The whole region"),
        help_text=_(
            "Choose the whole region for an organisation that works across it."
        ),
    )
    website = forms.URLField(
        label=_("Website"),
        max_length=_limit(Organisation, "website"),
        assume_scheme="https",
    )
    contact_name = forms.CharField(
        label=_("Contact person"),
        max_length=_limit(Organisation, "contact_name"),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    contact_email = AddressField(
        label=_("Contact person's email address"),
        max_length=254,
        help_text=_("Once approved, the invitation to sign in is sent here."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    description = LongTextField(
        label=_("Short description"),
        max_length=_limit(Organisation, "description"),
        help_text=_("What the organisation does, and how it follows anti-corruption."),
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    accepted_code_of_conduct = forms.BooleanField(
        label=_("We agree to the code of conduct above."),
        error_messages={
            "required": _("Tick this box: organisations agree to the code of conduct.")
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["scope"].queryset = Participant.objects.by_name()


class ReasonForm(LengthLimitsShown, forms.Form):
    reason = LongTextField(
        label=_("Reason for declining"),
        max_length=REASON_LIMIT,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class MemberInviteForm(forms.Form):
    email = AddressField(
        label=_("Colleague's email address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )


class MemberAcceptForm(InvitationAcceptForm):
    """A new member's name and password; the address is the invitation's."""

    agree = forms.BooleanField(
        label=_(
            "I understand that my name is shown, to my organisation and the "
            "secretariat, beside every change I make to an observation."
        ),
        error_messages={"required": _("Tick this box to accept the invitation.")},
    )


class MandateChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, mandate: Mandate) -> str:
        return str(mandate)


class ObservationForm(LengthLimitsShown, forms.Form):
    """The observation's content; on a new one, also what it observes."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    assessment = forms.ChoiceField(
        label=_("Your assessment of its implementation"),
        choices=Assessment.choices,
        widget=forms.RadioSelect,
        help_text=_("The scale of the official reports, or “cannot assess”."),
    )
    text = LongTextField(
        label=_("Observation"),
        max_length=_limit(Observation, "text"),
        help_text=_("What you saw, and your sources."),
        widget=forms.Textarea(attrs={"rows": 10}),
    )
    language = forms.ChoiceField(
        label=_("Language it is written in"), choices=settings.LANGUAGES
    )

    def __init__(self, *args, organisation=None, **kwargs):
        super().__init__(*args, **kwargs)
        if organisation is None:  # editing: what it observes does not change
            return
        participants = Participant.objects.by_name()
        if organisation.scope_id:
            participants = participants.filter(pk=organisation.scope_id)
        self.fields = {
            "participant": forms.ModelChoiceField(
                label=_("Participant"), queryset=participants
            ),
            "mandate": MandateChoiceField(
                label=_("Mandate"), queryset=Mandate.objects.order_by("number")
            ),
            "cycle": forms.ModelChoiceField(
                label=_("Reporting cycle"),
                queryset=ReportingCycle.objects.started_by(timezone.localdate()),
            ),
            **self.fields,
        }

    def content(self) -> dict:
        return {name: self.cleaned_data[name] for name in Observation.CONTENT_FIELDS}


class DocumentForm(LengthLimitsShown, forms.Form):
    title = forms.CharField(
        label=_("Title"), max_length=_limit(ObservationDocument, "title")
    )
    upload = forms.FileField(
        label=_("File"),
        required=False,
        help_text=_(
            "PDF, Word, Excel, OpenDocument, PNG, JPEG, CSV or text; up to 10 MB."
        ),
    )
    url = forms.URLField(label=_("Or a link"), required=False, assume_scheme="https")

    def __init__(self, *args, **kwargs):
        # Shown beside the observation's own form: ids of its own.
        kwargs.setdefault("auto_id", "id_document_%s")
        super().__init__(*args, **kwargs)


class ReplyForm(LengthLimitsShown, forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    text = LongTextField(
        label=_("Reply"),
        max_length=_limit(Reply, "text"),
        help_text=_("Shown under the observation, with your name."),
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    language = forms.ChoiceField(
        label=_("Language it is written in"), choices=settings.LANGUAGES
    )
