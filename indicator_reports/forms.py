from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import Participant
from mandates.models import Mandate, Section
from progress.models import ProgressReport, ReportingCycle

from . import registry
from .models import ReportFormat
from .params import DEFAULT_STATUSES, ReportParams

PARTICIPANT_GROUPS = [
    ("all", _("All participants")),
    (Participant.Kind.STATE, _("All states")),
    (Participant.Kind.JSWG, _("All JSWG entities")),
    ("chosen", _("Only the participants chosen below")),
]


class MandateChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return str(obj)


class ReportRequestForm(forms.Form):
    """What the secretariat asks for; empty choices mean "all"."""

    kind = forms.ChoiceField(label=_("Report"), widget=forms.RadioSelect)
    format = forms.ChoiceField(
        label=_("Format"),
        choices=ReportFormat.choices,
        initial=ReportFormat.XLSX,
        widget=forms.RadioSelect,
    )
    cycles = forms.ModelMultipleChoiceField(
        label=_("Reporting cycles"),
        queryset=ReportingCycle.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("None chosen: every cycle."),
    )
    participant_group = forms.ChoiceField(
        label=_("Participants"),
        choices=PARTICIPANT_GROUPS,
        initial="all",
        widget=forms.RadioSelect,
    )
    participants = forms.ModelMultipleChoiceField(
        label=_("Chosen participants"),
        queryset=Participant.objects.all(),
        to_field_name="code",
        required=False,
        help_text=_("Hold Ctrl (or Cmd) to choose several."),
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    sections = forms.ModelMultipleChoiceField(
        label=_("Sections"),
        queryset=Section.objects.all(),
        to_field_name="code",
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    mandates = MandateChoiceField(
        label=_("Mandates"),
        queryset=Mandate.objects.order_by("number"),
        to_field_name="number",
        required=False,
        help_text=_(
            "The report covers the mandates of the chosen sections and the "
            "mandates chosen here; none chosen: all 57."
        ),
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    statuses = forms.MultipleChoiceField(
        label=_("Reports in these statuses"),
        choices=ProgressReport.Status.choices,
        initial=list(DEFAULT_STATUSES),
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # By name in the person's language, decided per request.
        self.fields["participants"].queryset = Participant.objects.by_name()
        self.fields["kind"].choices = [
            (kind.key, kind.title) for kind in registry.kinds()
        ]
        self.fields["kind"].initial = "matrix"
        self.kind_descriptions = {k.key: k.description for k in registry.kinds()}

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("participants"):
            cleaned["participant_group"] = "chosen"
        elif cleaned.get("participant_group") == "chosen":
            self.add_error("participants", _("Choose at least one participant."))
        return cleaned

    def params(self) -> ReportParams:
        data = self.cleaned_data
        return ReportParams(
            cycle_ids=tuple(sorted(c.pk for c in data["cycles"])),
            participant_group=data["participant_group"],
            participant_codes=tuple(p.code for p in data["participants"]),
            section_codes=tuple(s.code for s in data["sections"]),
            mandate_numbers=tuple(m.number for m in data["mandates"]),
            statuses=tuple(data["statuses"]),
        )
