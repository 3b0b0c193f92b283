"""Forms parse and check what a person typed; services write it.

The ModelForms below borrow labels, help texts and limits from the models,
but their save() is never called: views hand `content()` to a service.
"""

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Participant
from common.forms import LengthLimitsShown, LongTextField
from mandates.models import Mandate
from progress.models import SupportType

from .models import (
    Contribution,
    CooperationInitiative,
    GoodPractice,
    PracticeAttachment,
    RegionalCapacity,
    Subregion,
)

TEXTAREA = {"rows": 5}


class MandateChoiceField(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, mandate: Mandate) -> str:
        return str(mandate)


def _mandate_field() -> MandateChoiceField:
    return MandateChoiceField(
        label=_("Mandates it serves"),
        help_text=_("Choose every mandate of the Lima Commitment this serves."),
        queryset=Mandate.objects.order_by("number"),
    )


def _limit(model, name: str) -> int:
    return model._meta.get_field(name).max_length


# Long texts of the ModelForms (those a model lacks are ignored): line breaks
# counted as the browser counts them.
LONG_TEXTS = {
    "summary": LongTextField,
    "description": LongTextField,
    "results": LongTextField,
    "how_to_request": LongTextField,
}


class ContributionForm(LengthLimitsShown, forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    participant = forms.ModelChoiceField(
        label=_("Shared by"), queryset=Participant.objects.none(), empty_label=None
    )

    def __init__(self, *args, participants=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mandates"] = _mandate_field()
        if participants is None:
            # Editing: the owner does not change.
            del self.fields["participant"]
        else:
            self.fields["participant"].queryset = participants

    def content(self) -> dict:
        skip = {"version", "participant", "mandates", "countries"}
        return {k: v for k, v in self.cleaned_data.items() if k not in skip}


class GoodPracticeForm(ContributionForm):
    class Meta:
        model = GoodPractice
        fields = GoodPractice.CONTENT_FIELDS
        field_classes = LONG_TEXTS
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3}),
            "description": forms.Textarea(attrs={"rows": 8}),
            "results": forms.Textarea(attrs=TEXTAREA),
            "start_year": forms.NumberInput(attrs={"class": "input-number"}),
            "end_year": forms.NumberInput(attrs={"class": "input-number"}),
        }

    def clean_start_year(self):
        year = self.cleaned_data["start_year"]
        if year is not None and not 1990 <= year <= timezone.localdate().year:
            raise forms.ValidationError(
                _("Give a year from 1990 to %(year)s.")
                % {"year": timezone.localdate().year}
            )
        return year


class CapacityForm(ContributionForm):
    field_order = [*Contribution.TEXT_FIELDS, "support_type", "subregions", "countries"]
    support_type = forms.ChoiceField(
        label=_("Type of support"),
        choices=SupportType.choices,
        widget=forms.RadioSelect,
    )
    subregions = forms.MultipleChoiceField(
        label=_("Sub-regions covered"),
        choices=Subregion.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    countries = forms.ModelMultipleChoiceField(
        label=_("Countries covered"),
        help_text=_("Leave empty if the sub-regions say it all."),
        queryset=Participant.objects.states().order_by("code"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    languages_offered = forms.MultipleChoiceField(
        label=_("Languages in which it is offered"),
        choices=settings.LANGUAGES,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = RegionalCapacity
        fields = (*RegionalCapacity.CONTENT_FIELDS, "countries")
        field_classes = LONG_TEXTS
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3}),
            "description": forms.Textarea(attrs={"rows": 8}),
            "how_to_request": forms.Textarea(attrs=TEXTAREA),
        }

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("subregions") and not cleaned.get("countries"):
            self.add_error(
                "subregions", _("Say which sub-regions or countries it covers.")
            )
        return cleaned


class AttachmentForm(LengthLimitsShown, forms.Form):
    title = forms.CharField(
        label=_("Title"), max_length=_limit(PracticeAttachment, "title")
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
        # Shown beside the practice's own form, which has a title too: ids of
        # its own (the field names stay title, upload, url).
        kwargs.setdefault("auto_id", "id_attachment_%s")
        super().__init__(*args, **kwargs)


class DeclineForm(LengthLimitsShown, forms.Form):
    reason = LongTextField(
        label=_("Reason for declining"),
        max_length=_limit(Contribution, "decline_reason"),
        help_text=_("The focal points see this reason and can change and resubmit."),
        widget=forms.Textarea(attrs={"rows": 4}),
    )


NOTE_LIMIT = _limit(CooperationInitiative, "note")


class InitiativeForm(LengthLimitsShown, forms.Form):
    capacity = forms.ModelChoiceField(
        label=_("Capacity that meets the need"),
        queryset=RegionalCapacity.objects.published().select_related("participant"),
    )
    note = LongTextField(
        label=_("Note (optional)"),
        max_length=NOTE_LIMIT,
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )


class InitiativeStatusForm(LengthLimitsShown, forms.Form):
    status = forms.ChoiceField(
        label=_("New status"), choices=CooperationInitiative.Status.choices
    )
    note = LongTextField(
        label=_("Note (optional)"),
        max_length=NOTE_LIMIT,
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )
