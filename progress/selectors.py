"""Reads of progress data, shared by pages, exports and the API."""

from dataclasses import dataclass
from datetime import date
from types import SimpleNamespace
from typing import NamedTuple

from django.db.models import Exists, IntegerField, OuterRef, Prefetch, Q
from django.db.models.expressions import RawSQL
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import Membership, name_sort_key
from common.languages import shown_in_language
from common.statements import fixed_read
from mandates.models import Indicator, Mandate

from .access import can_view_private
from .indicators import applicable_indicators, applies_to_values, display_value
from .models import (
    ContributorMandate,
    Evidence,
    ImplementationLevel,
    ProgressReport,
    PublishedLevel,
    ReportingCycle,
    ReportTransition,
)

Status = ProgressReport.Status
# Levels at which there is nothing to describe yet, so "actions taken" may be empty.
NOTHING_TO_DESCRIBE = {
    ImplementationLevel.NOT_STARTED,
    ImplementationLevel.NOT_APPLICABLE,
}


def current_cycle(day=None) -> ReportingCycle | None:
    """The cycle open today, or else the latest one that has opened."""
    day = day or timezone.localdate()
    return (
        ReportingCycle.objects.open_on(day).order_by("-opens_on").first()
        or ReportingCycle.objects.started_by(day).order_by("-opens_on").first()
    )


def report_missing(report: ProgressReport, indicators=None) -> list[str]:
    """What must still be filled in before the report can be submitted.

    Optional indicators ("leave blank if ...") are never missing.
    """
    missing = []
    if not report.implementation_level:
        missing.append(gettext_lazy("the implementation level"))
    if report.implementation_level == ImplementationLevel.NOT_APPLICABLE:
        return missing
    if (
        report.implementation_level not in NOTHING_TO_DESCRIBE
        and not report.actions_taken.strip()
    ):
        missing.append(gettext_lazy("the actions taken"))
    if indicators is None:
        indicators = applicable_indicators(
            mandate=report.mandate, participant=report.participant
        )
    for indicator in indicators:
        if indicator.is_optional:
            continue
        if indicator.code not in report.indicator_values:
            missing.append(_("indicator “%(label)s”") % {"label": indicator.label})
    return missing


def report_completeness(report: ProgressReport, indicators) -> int:
    """Share of the items asked for that are answered, in percent; optional
    indicators are not asked for."""
    total = 2 + sum(not indicator.is_optional for indicator in indicators)
    missing = len(report_missing(report, indicators))
    return round(100 * (total - min(missing, total)) / total)


@dataclass
class WorkspaceRow:
    mandate: Mandate
    report: ProgressReport | None
    completeness: int
    has_previous: bool  # an earlier cycle's report to start from


def workspace_reports(user, *, participant=None):
    """Reports, in any status, of the participants this person is a member of
    (a contributor: on the mandates given to them).

    The workspace page and the workspace API both read through this, so a
    person sees the same reports in both, and nobody else's.
    """
    reports = ProgressReport.objects.in_workspace_of(user)
    if participant is not None:
        reports = reports.filter(participant=participant)
    return reports.select_related("participant", "mandate__section", "cycle").order_by(
        "-cycle__opens_on", "participant__code", "mandate__number"
    )


def workspace_mandates(user, *, participant):
    """The mandates of the participant's workspace for this person: all 57 for
    its focal points and observers, those given to a contributor. One query
    (the membership is an EXISTS inside it)."""
    whole = Membership.objects.filter(
        user=user, participant=participant, role__in=Membership.WHOLE_PARTICIPANT
    )
    given = ContributorMandate.objects.filter(
        membership__user=user,
        membership__participant=participant,
        membership__role=Membership.Role.CONTRIBUTOR,
        mandate=OuterRef("pk"),
    )
    return Mandate.objects.with_section().filter(Q(Exists(whole)) | Q(Exists(given)))


def workspace_rows(user, *, participant, cycle) -> list[WorkspaceRow]:
    """The participant's mandates (a contributor's only) with its report in the
    cycle, if any.

    Four queries whatever the number of reports: mandates, reports, earlier
    reports, indicators.
    """
    own = workspace_reports(user, participant=participant)
    reports = {report.mandate_id: report for report in own.filter(cycle=cycle)}
    earlier = set(
        own.filter(cycle__opens_on__lt=cycle.opens_on).values_list(
            "mandate_id", flat=True
        )
    )
    by_mandate: dict[int, list[Indicator]] = {}
    for indicator in Indicator.objects.filter(
        is_active=True, applies_to__in=applies_to_values(participant)
    ):
        by_mandate.setdefault(indicator.mandate_id, []).append(indicator)
    rows = []
    for mandate in workspace_mandates(user, participant=participant).order_by("number"):
        report = reports.get(mandate.pk)
        if report is not None:
            report.participant = participant
            report.mandate = mandate
        indicators = by_mandate.get(mandate.pk, [])
        completeness = report_completeness(report, indicators) if report else 0
        rows.append(WorkspaceRow(mandate, report, completeness, mandate.pk in earlier))
    return rows


def returned_reports(user, *, participant, cycle):
    """Returned reports this person sees in the workspace (a contributor: on
    their mandates), with the secretariat's latest comment on each."""
    returns = (
        ReportTransition.objects.filter(to_status=Status.RETURNED)
        .select_related("actor")
        .order_by("-created_at")
    )
    return (
        ProgressReport.objects.in_workspace_of(user)
        .filter(participant=participant, cycle=cycle, status=Status.RETURNED)
        .select_related("mandate")
        .prefetch_related(Prefetch("transitions", queryset=returns, to_attr="returns"))
        .order_by("mandate__number")
    )


def review_queue(*, cycle=None, participant=None, section=None, status=None):
    reports = ProgressReport.objects.with_related().select_related("submitted_by")
    if cycle:
        reports = reports.filter(cycle=cycle)
    if participant:
        reports = reports.filter(participant=participant)
    if section:
        reports = reports.filter(mandate__section__code=section)
    if status:
        reports = reports.filter(status=status)
    else:
        reports = reports.exclude(status=Status.DRAFT)
    return reports.order_by("submitted_at", "participant__code", "mandate__number")


# What the public tables of a mandate's and a participant's progress show of a
# report, read as rows (public_site.markup writes them).
_LISTED = ("id", "participant_id", "mandate_id", "implementation_level")


@fixed_read("mandate", "cycle")
def _published_on_mandate(mandate, cycle):
    return (
        ProgressReport.objects.published()
        .filter(mandate_id=mandate, cycle_id=cycle)
        .annotate(
            public_evidence_count=_public_evidence_count(),
            participant_name=shown_in_language("name", "participant__"),
        )
        .order_by("-participant__kind", name_sort_key("participant__"))
        .values(
            *_LISTED, "public_evidence_count", "participant__code", "participant_name"
        )
    )


@fixed_read("participant", "cycle")
def _published_by_participant(participant, cycle):
    return (
        ProgressReport.objects.published()
        .filter(participant_id=participant, cycle_id=cycle)
        .annotate(
            public_evidence_count=_public_evidence_count(),
            mandate_topic=shown_in_language("topic", "mandate__"),
        )
        .order_by("mandate__number")
        .values(*_LISTED, "public_evidence_count", "mandate__number", "mandate_topic")
    )


def _listed(row: dict, **related) -> SimpleNamespace:
    report = SimpleNamespace(**{name: row[name] for name in _LISTED}, **related)
    report.pk = report.id
    report.public_evidence_count = row["public_evidence_count"]
    return report


def published_for_mandate(*, mandate, cycle) -> list[SimpleNamespace]:
    """The published reports on a mandate in a cycle, as rows with the report's
    attribute names: states first, then JSWG entities, by name (the order of
    the open data)."""
    return [
        _listed(
            row,
            participant=SimpleNamespace(
                code=row["participant__code"], name=row["participant_name"]
            ),
        )
        for row in _published_on_mandate(mandate=mandate.pk, cycle=cycle.pk)
    ]


def published_for_participant(*, participant, cycle) -> list[SimpleNamespace]:
    """A participant's published reports in a cycle, as rows, by mandate."""
    return [
        _listed(
            row,
            mandate=SimpleNamespace(
                number=row["mandate__number"], topic=row["mandate_topic"]
            ),
        )
        for row in _published_by_participant(participant=participant.pk, cycle=cycle.pk)
    ]


def _public_evidence_count():
    """How many public evidence items a report has: the public tables show the
    number only, so no item is read. Written as SQL: the same subquery built
    from querysets took longer to compile than the page's query to run."""
    evidence = Evidence._meta.db_table
    report = ProgressReport._meta.db_table
    return RawSQL(  # noqa: S611 - no value from outside
        f'SELECT COUNT(*) FROM "{evidence}" e '  # noqa: S608 - table names only
        f'WHERE e.report_id = "{report}".id AND e.is_public',
        (),
        output_field=IntegerField(),
    )


def evidence_visible_to(user, report: ProgressReport):
    """The report's evidence this person may see: all of it for those who see
    the report's private parts (progress.access), the public items for everyone
    else."""
    evidence = report.evidence.all()
    if can_view_private(user, report):
        return evidence
    return evidence.filter(is_public=True)


class CycleRow(NamedTuple):
    """What public pages show and answer of a cycle: a row, no model."""

    id: int
    name: str
    opens_on: date
    due_on: date
    closes_on: date

    @property
    def pk(self) -> int:
        return self.id


CYCLE_COLUMNS = CycleRow._fields


def cycle_rows(rows) -> list[CycleRow]:
    """CycleRows of the dicts of a read of CYCLE_COLUMNS."""
    return [CycleRow(**row) for row in rows]


def _cycles_of(reports):
    return (
        ReportingCycle.objects.filter(pk__in=reports.values("cycle_id"))
        .order_by("-opens_on")
        .values(*CYCLE_COLUMNS)
    )


@fixed_read("mandate")
def _cycles_on_mandate(mandate):
    return _cycles_of(PublishedLevel.objects.filter(mandate_id=mandate))


@fixed_read("participant")
def _cycles_of_participant(participant):
    return _cycles_of(PublishedLevel.objects.filter(participant_id=participant))


def cycles_with_published(*, mandate=None, participant=None) -> list[CycleRow]:
    """Cycles with a published report on the mandate, or by the participant,
    newest first; read from the dashboards' summary table, not the reports."""
    if (mandate is None) == (participant is None):
        raise TypeError("Give a mandate or a participant.")
    if mandate is not None:
        return cycle_rows(_cycles_on_mandate(mandate=mandate.pk))
    return cycle_rows(_cycles_of_participant(participant=participant.pk))


def indicator_answers(report: ProgressReport) -> list[tuple[Indicator, str]]:
    indicators = applicable_indicators(
        mandate=report.mandate, participant=report.participant
    )
    return [
        (i, display_value(i, report.indicator_values.get(i.code))) for i in indicators
    ]


def previous_cycle_report(report: ProgressReport) -> ProgressReport | None:
    return (
        ProgressReport.objects.filter(
            participant_id=report.participant_id,
            mandate_id=report.mandate_id,
            cycle__opens_on__lt=report.cycle.opens_on,
        )
        .select_related("cycle")
        .order_by("-cycle__opens_on")
        .first()
    )


def assistance_needs(*, user):
    """Technical-assistance needs this person may see, newest cycle first.

    A need is a report whose assistance_description is not empty. The public
    sees the needs of published reports only; members also those of their
    participants; the secretariat all of them.
    """
    return (
        ProgressReport.objects.visible_to(user)
        .needing_assistance()
        .with_related()
        .order_by("-cycle__opens_on", "participant__code", "mandate__number")
    )
