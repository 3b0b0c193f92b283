"""The filters of the public list of reports, shared by its page, its downloads
and the API endpoint /api/v1/reports/, so that the three always agree."""

import django_filters
from django.utils.translation import gettext_lazy as _

from accounts.models import Participant
from mandates.models import Mandate, Section
from progress.models import (
    ImplementationLevel,
    ProgressReport,
    ReportingCycle,
    SupportType,
)


class PublishedReportFilter(django_filters.FilterSet):
    cycle = django_filters.ModelChoiceFilter(
        queryset=ReportingCycle.objects.all(), label=_("Cycle")
    )
    participant = django_filters.ModelChoiceFilter(
        queryset=Participant.objects.all(),
        to_field_name="code",
        label=_("Participant"),
    )
    participant_kind = django_filters.ChoiceFilter(
        field_name="participant__kind",
        choices=Participant.Kind.choices,
        label=_("Kind of participant"),
    )
    section = django_filters.ModelChoiceFilter(
        field_name="mandate__section",
        queryset=Section.objects.all(),
        to_field_name="code",
        label=_("Section"),
    )
    mandate = django_filters.ModelChoiceFilter(
        # The official texts (five long columns) are not shown in a choice.
        queryset=Mandate.objects.order_by("number").defer(*Mandate.TEXT_FIELDS),
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
        # The list people choose from: by name in their language.
        self.filters["participant"].queryset = Participant.objects.by_name()
