"""The filters of the public list of reports, shared by its page, its downloads
and the API endpoint /api/v1/reports/, so that the three always agree."""

import django_filters
from django.forms.models import ModelChoiceIteratorValue
from django.utils.translation import gettext_lazy as _

from accounts.models import Participant
from accounts.selectors import participant_names
from common.statements import fixed_read
from mandates.models import Mandate, Section
from mandates.selectors import mandate_names, section_labels
from progress.models import (
    ImplementationLevel,
    ProgressReport,
    ReportingCycle,
    SupportType,
)


class _PairedChoices(django_filters.fields.ModelChoiceIterator):
    """The choices of a model choice field from the (value, label) pairs its
    `pairs()` reads in one query, without a model per choice: with its
    translations a model costs some 45 µs, and the two longest lists here
    have 105 choices. Validation still goes through the field's queryset."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        if self.field.null_label is not None:
            yield (self.field.null_value, self.field.null_label)
        for value, label in self.field.pairs():
            yield (ModelChoiceIteratorValue(value, None), label)


class _ParticipantField(django_filters.fields.ModelChoiceField):
    iterator = _PairedChoices

    def pairs(self):
        return participant_names()


class _MandateField(django_filters.fields.ModelChoiceField):
    iterator = _PairedChoices

    def pairs(self):
        return mandate_names()


class _CycleField(django_filters.fields.ModelChoiceField):
    iterator = _PairedChoices

    def pairs(self):
        return [(row["id"], row["name"]) for row in _cycle_names()]


class _SectionField(django_filters.fields.ModelChoiceField):
    iterator = _PairedChoices

    def pairs(self):
        return section_labels()


@fixed_read()
def _cycle_names():
    """Every cycle, newest first (ReportingCycle's order), as its choices."""
    return ReportingCycle.objects.order_by("-opens_on", "pk").values("id", "name")


class _CycleFilter(django_filters.ModelChoiceFilter):
    field_class = _CycleField


class _SectionFilter(django_filters.ModelChoiceFilter):
    field_class = _SectionField


class _ParticipantFilter(django_filters.ModelChoiceFilter):
    field_class = _ParticipantField


class _MandateFilter(django_filters.ModelChoiceFilter):
    field_class = _MandateField


class PublishedReportFilter(django_filters.FilterSet):
    cycle = _CycleFilter(queryset=ReportingCycle.objects.all(), label=_("Cycle"))
    participant = _ParticipantFilter(
        queryset=Participant.objects.all(),
        to_field_name="code",
        label=_("Participant"),
    )
    participant_kind = django_filters.ChoiceFilter(
        field_name="participant__kind",
        choices=Participant.Kind.choices,
        label=_("Kind of participant"),
    )
    section = _SectionFilter(
        field_name="mandate__section",
        queryset=Section.objects.all(),
        to_field_name="code",
        label=_("Section"),
    )
    mandate = _MandateFilter(
        queryset=Mandate.objects.order_by("number"),
        to_field_name="number",
        label=_("Mandate"),
    )
    implementation_level = django_filters.ChoiceFilter(
        choices=ImplementationLevel.choices, label=_("Implementation level")
    )
    assistance_type = django_filters.ChoiceFilter(
        choices=SupportType.choices, label=_("Type of assistance needed")
    )
    published_after = django_filters.DateFilter(
        field_name="published_at",
        lookup_expr="date__gte",
        label=_("Published on or after"),
    )

    class Meta:
        model = ProgressReport
        fields: list[str] = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The list people choose from: by name in their language (the choices
        # come from participant_names(), in the same order).
        self.filters["participant"].queryset = Participant.objects.by_name()
