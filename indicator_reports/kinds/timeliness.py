"""(c) Timeliness and completeness: who reported, how much, and when."""

from django.db.models import F, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy

from common.exports import Column
from mandates.models import Indicator
from progress import export_columns as shared
from progress.models import ProgressReport, ReportTransition
from progress.selectors import report_completeness

from ..params import ReportParams
from .base import ReportKind
from .common import (
    PARTICIPANT_COLUMNS,
    Lookups,
    by_cycle_and_participant,
    participant_cells,
    per_cycle_and_participant_count,
)


def _integer(key, label, description) -> Column:
    return Column(key, label, description, "integer")


def _timeliness_columns(params: ReportParams) -> list[Column]:
    return [
        shared.CYCLE,
        shared.CYCLE_DUE_ON,
        *PARTICIPANT_COLUMNS,
        _integer(
            "mandates",
            gettext_lazy("Mandates"),
            gettext_lazy("Number of mandates the report covers."),
        ),
        _integer(
            "reports",
            gettext_lazy("Reports"),
            gettext_lazy("Reports of the participant in the chosen statuses."),
        ),
        _integer(
            "submitted",
            gettext_lazy("Submitted"),
            gettext_lazy("Reports submitted to the secretariat at least once."),
        ),
        _integer(
            "on_time",
            gettext_lazy("On time"),
            gettext_lazy("Reports first submitted on or before the due date."),
        ),
        _integer(
            "late",
            gettext_lazy("Late"),
            gettext_lazy("Reports first submitted after the due date."),
        ),
        Column(
            "reported_percent",
            gettext_lazy("Mandates reported (%)"),
            gettext_lazy("Submitted reports as a share of the mandates covered."),
            "number",
        ),
        Column(
            "completeness_percent",
            gettext_lazy("Completeness (%)"),
            gettext_lazy(
                "Average share of the items each report asks for (implementation "
                "level, actions taken, indicators) that its reports answer."
            ),
            "number",
        ),
        Column(
            "first_submitted_at",
            gettext_lazy("First submission"),
            gettext_lazy("When the participant first submitted one of them (UTC)."),
            "datetime",
        ),
        Column(
            "last_submitted_at",
            gettext_lazy("Last submission"),
            gettext_lazy("When the participant last submitted one of them (UTC)."),
            "datetime",
        ),
    ]


def _indicators_by_mandate_and_kind(lookups: Lookups) -> dict:
    found: dict = {}
    indicators = Indicator.objects.filter(is_active=True, mandate__in=lookups.mandates)
    for indicator in indicators:
        for kind in ("state", "jswg"):
            if indicator.applies_to_kind(kind):
                found.setdefault((indicator.mandate_id, kind), []).append(indicator)
    return found


def _first_submission():
    return Subquery(
        ReportTransition.objects.filter(
            report=OuterRef("pk"), to_status=ProgressReport.Status.SUBMITTED
        )
        .order_by("created_at")
        .values("created_at")[:1]
    )


def _timeliness_rows(params: ReportParams):
    lookups = Lookups(params)
    indicators = _indicators_by_mandate_and_kind(lookups)
    reports = params.reports().annotate(
        first_submitted=Coalesce(_first_submission(), F("submitted_at"))
    )
    fields = (
        "cycle_id",
        "participant_id",
        "mandate_id",
        "implementation_level",
        "actions_taken",
        "indicator_values",
        "first_submitted",
        "submitted_at",
    )
    mandates = len(lookups.mandates)
    for cycle, participant, found in by_cycle_and_participant(reports, lookups, fields):
        yield {
            "cycle": cycle.name,
            "cycle_due_on": cycle.due_on,
            **participant_cells(participant),
            **_timeliness(cycle, participant, found, mandates, indicators),
        }


def _timeliness(cycle, participant, reports, mandates, indicators) -> dict:
    submitted = [r["first_submitted"] for r in reports if r["first_submitted"]]
    due = cycle.due_on
    on_time = sum(1 for when in submitted if timezone.localdate(when) <= due)
    latest = [r["submitted_at"] for r in reports if r["submitted_at"]]
    scores = [
        report_completeness(
            ProgressReport(
                implementation_level=r["implementation_level"],
                actions_taken=r["actions_taken"],
                indicator_values=r["indicator_values"],
            ),
            indicators.get((r["mandate_id"], participant.kind), []),
        )
        for r in reports
    ]
    return {
        "mandates": mandates,
        "reports": len(reports),
        "submitted": len(submitted),
        "on_time": on_time,
        "late": len(submitted) - on_time,
        "reported_percent": round(100 * len(submitted) / mandates, 1)
        if mandates
        else 0,
        "completeness_percent": round(sum(scores) / len(scores), 1) if scores else 0,
        "first_submitted_at": min(submitted) if submitted else None,
        "last_submitted_at": max(latest) if latest else None,
    }


KIND = ReportKind(
    key="timeliness",
    title=gettext_lazy("Timeliness and completeness"),
    description=gettext_lazy(
        "Who reported, how much, how completely, and whether before the due date."
    ),
    columns=_timeliness_columns,
    count=per_cycle_and_participant_count,
    rows=_timeliness_rows,
)
