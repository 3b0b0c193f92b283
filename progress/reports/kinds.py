"""The four standard indicator reports of the secretariat.

Every kind reads the reports through ReportParams and streams them with
`iterator(chunk_size=...)`; what it keeps in memory is reference data (cycles,
participants, mandates, indicators), whose size does not depend on the number
of reports.
"""

from itertools import groupby

from django.db.models import F, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mandates.models import Indicator

from ..exports import Column
from ..exports import columns as shared
from ..models import ProgressReport, ReportTransition
from ..selectors import report_completeness
from .params import ReportParams
from .registry import ReportKind, register

CHUNK = 2000
PARTICIPANT_COLUMNS = [
    shared.PARTICIPANT_CODE,
    shared.PARTICIPANT_NAME,
    shared.PARTICIPANT_KIND,
]


def _participant_cells(participant) -> dict:
    return {
        "participant_code": participant.code,
        "participant_name": participant.name,
        "participant_kind": participant.kind,
    }


class Lookups:
    """Reference data of the report, fetched once, so rows need no joins."""

    def __init__(self, params: ReportParams):
        self.cycles = list(params.cycles())
        self.participants = list(params.participants())
        self.mandates = list(params.mandates())
        self.cycle = {c.pk: c for c in self.cycles}
        self.participant = {p.pk: p for p in self.participants}
        # Translated names read once, not once per row.
        self.participant_cells = {
            p.pk: _participant_cells(p) for p in self.participants
        }
        self.mandate = {m.pk: m for m in self.mandates}

    def narrow(self, reports):
        return reports.filter(
            cycle_id__in=self.cycle,
            participant_id__in=self.participant,
            mandate_id__in=self.mandate,
        )


def _by_cycle_and_participant(reports, lookups: Lookups, fields):
    """Every (cycle, participant) of the lookups, in their order, with its reports."""
    reports = (
        lookups.narrow(reports)
        .order_by(
            "cycle__opens_on",
            "cycle_id",
            "participant__kind",
            "participant__code",
            "mandate__number",
        )
        .values(*fields)
        .iterator(chunk_size=CHUNK)
    )
    groups = groupby(reports, key=lambda r: (r["cycle_id"], r["participant_id"]))
    pending = next(groups, None)
    for cycle in lookups.cycles:
        for participant in lookups.participants:
            reports_here = []
            if pending and pending[0] == (cycle.pk, participant.pk):
                reports_here = list(pending[1])  # at most 57: one per mandate
                pending = next(groups, None)
            yield cycle, participant, reports_here


def _per_cycle_and_participant_count(params: ReportParams) -> int:
    return params.cycles().count() * params.participants().count()


# --- (a) Matrix of participants by mandates ------------------------------------------


def _matrix_columns(params: ReportParams) -> list[Column]:
    mandate_columns = [
        Column(
            f"mandate_{mandate.number}",
            _("Mandate %(number)s") % {"number": mandate.number},
            _("Implementation level reported on mandate %(number)s%(topic)s.")
            % {
                "number": mandate.number,
                "topic": f" ({mandate.topic})" if mandate.topic else "",
            },
        )
        for mandate in params.mandates()
    ]
    return [shared.CYCLE, *PARTICIPANT_COLUMNS, *mandate_columns]


def _matrix_rows(params: ReportParams):
    lookups = Lookups(params)
    fields = ("cycle_id", "participant_id", "mandate_id", "implementation_level")
    for cycle, participant, reports in _by_cycle_and_participant(
        params.reports(), lookups, fields
    ):
        row = {"cycle": cycle.name, **_participant_cells(participant)}
        for report in reports:
            number = lookups.mandate[report["mandate_id"]].number
            row[f"mandate_{number}"] = report["implementation_level"]
        yield row


# --- (b) Indicator values of each participant --------------------------------------


def _indicators(params: ReportParams):
    return (
        Indicator.objects.filter(is_active=True, mandate__in=params.mandates())
        .select_related("mandate")
        .order_by("mandate__number", "position", "code")
    )


def _values_columns(params: ReportParams) -> list[Column]:
    indicator_columns = [
        Column(
            indicator.code,
            indicator.label,
            _("Mandate %(number)s, %(kind)s: %(label)s")
            % {
                "number": indicator.mandate.number,
                "kind": indicator.get_kind_display().lower(),
                "label": indicator.label,
            },
            shared.INDICATOR_TYPES[indicator.kind],
        )
        for indicator in _indicators(params)
    ]
    return [
        shared.REPORT_ID,
        shared.CYCLE,
        *PARTICIPANT_COLUMNS,
        shared.MANDATE_NUMBER,
        shared.STATUS,
        shared.IMPLEMENTATION_LEVEL,
        *indicator_columns,
    ]


def _values_count(params: ReportParams) -> int:
    return Lookups(params).narrow(params.reports()).count()


def _values_rows(params: ReportParams):
    lookups = Lookups(params)
    codes = [indicator.code for indicator in _indicators(params)]
    reports = (
        lookups.narrow(params.reports())
        .order_by(
            "cycle__opens_on",
            "cycle_id",
            "mandate__number",
            "participant__kind",
            "participant__code",
        )
        .values_list(
            "pk",
            "cycle_id",
            "participant_id",
            "mandate_id",
            "status",
            "implementation_level",
            "indicator_values",
        )
        .iterator(chunk_size=CHUNK)
    )
    for pk, cycle_id, participant_id, mandate_id, status, level, values in reports:
        row = {
            "report_id": pk,
            "cycle": lookups.cycle[cycle_id].name,
            **lookups.participant_cells[participant_id],
            "mandate_number": lookups.mandate[mandate_id].number,
            "status": status,
            "implementation_level": level,
        }
        row.update((code, values[code]) for code in codes if code in values)
        yield row


# --- (c) Timeliness and completeness ------------------------------------------------


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
    for cycle, participant, found in _by_cycle_and_participant(
        reports, lookups, fields
    ):
        yield {
            "cycle": cycle.name,
            "cycle_due_on": cycle.due_on,
            **_participant_cells(participant),
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


# --- (d) Technical-assistance needs ---------------------------------------------------


def _needs_columns(params: ReportParams) -> list[Column]:
    return [
        shared.REPORT_ID,
        shared.CYCLE,
        *PARTICIPANT_COLUMNS,
        shared.MANDATE_NUMBER,
        shared.SECTION,
        shared.STATUS,
        shared.IMPLEMENTATION_LEVEL,
        shared.ASSISTANCE_TYPE,
        shared.ASSISTANCE_DESCRIPTION,
        shared.LANGUAGE,
    ]


def _needs(params: ReportParams, lookups: Lookups):
    return lookups.narrow(params.reports().needing_assistance())


def _needs_count(params: ReportParams) -> int:
    return _needs(params, Lookups(params)).count()


def _needs_rows(params: ReportParams):
    lookups = Lookups(params)
    reports = (
        _needs(params, lookups)
        .order_by(
            "cycle__opens_on",
            "cycle_id",
            "participant__kind",
            "participant__code",
            "mandate__number",
        )
        .values(
            "pk",
            "cycle_id",
            "participant_id",
            "mandate_id",
            "status",
            "implementation_level",
            "assistance_type",
            "assistance_description",
            "language",
        )
        .iterator(chunk_size=CHUNK)
    )
    for report in reports:
        mandate = lookups.mandate[report["mandate_id"]]
        yield {
            "report_id": report["pk"],
            "cycle": lookups.cycle[report["cycle_id"]].name,
            **lookups.participant_cells[report["participant_id"]],
            "mandate_number": mandate.number,
            "section": mandate.section.code if mandate.section else "",
            "status": report["status"],
            "implementation_level": report["implementation_level"],
            "assistance_type": report["assistance_type"],
            "assistance_description": report["assistance_description"],
            "language": report["language"],
        }


MATRIX = register(
    ReportKind(
        key="matrix",
        title=gettext_lazy("Matrix of participants by mandates"),
        description=gettext_lazy(
            "One row per participant and cycle, one column per mandate, with the "
            "implementation level each participant reported."
        ),
        columns=_matrix_columns,
        count=_per_cycle_and_participant_count,
        rows=_matrix_rows,
    )
)
VALUES = register(
    ReportKind(
        key="values",
        title=gettext_lazy("Indicator values"),
        description=gettext_lazy(
            "For the chosen mandates, every participant's report with one column "
            "per indicator."
        ),
        columns=_values_columns,
        count=_values_count,
        rows=_values_rows,
    )
)
TIMELINESS = register(
    ReportKind(
        key="timeliness",
        title=gettext_lazy("Timeliness and completeness"),
        description=gettext_lazy(
            "Who reported, how much, how completely, and whether before the due date."
        ),
        columns=_timeliness_columns,
        count=_per_cycle_and_participant_count,
        rows=_timeliness_rows,
    )
)
NEEDS = register(
    ReportKind(
        key="needs",
        title=gettext_lazy("Technical-assistance needs"),
        description=gettext_lazy(
            "Every report that asks for technical assistance: what, of which "
            "type, for which mandate. The capacities matched to each need are "
            "added when the good-practices module is installed."
        ),
        columns=_needs_columns,
        count=_needs_count,
        rows=_needs_rows,
    )
)
