"""What the public reads of civil society: published observations, their
sources and replies, beside the official reports.

Every read here starts from published(): nothing unpublished (a draft, a
submitted or a declined observation, or the reply of one) ever leaves this
module. The public pages, the open-data files and /api/v1/observations/ all
read through it, so the three agree.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import OuterRef, Prefetch, Subquery

from common.statements import FixedRead, fixed_read
from progress.models import ImplementationLevel, ProgressReport, PublishedLevel

from . import selectors
from .models import Observation, ObservationDocument, Reply

# The implementation scale in order. "Not applicable" and "cannot assess" have
# no place on it: they never make a difference of views.
SCALE = [
    ImplementationLevel.NOT_STARTED,
    ImplementationLevel.INITIAL,
    ImplementationLevel.IN_PROGRESS,
    ImplementationLevel.ADVANCED,
    ImplementationLevel.COMPLETED,
]
_RANK = {str(level): rank for rank, level in enumerate(SCALE)}
# Two steps apart or more ("initial" against "advanced") is a difference of views.
DIFFERENT_VIEWS_GAP = 2


def views_differ(official: str | None, assessment: str | None) -> bool:
    """Whether an organisation's assessment is two levels or more away from the
    official implementation level."""
    if official not in _RANK or assessment not in _RANK:
        return False
    return abs(_RANK[official] - _RANK[assessment]) >= DIFFERENT_VIEWS_GAP


def published():
    """Published observations with what every public view shows of them: the
    organisation, the subject, the public sources and the reply, in a fixed
    number of queries (one, and one for the sources)."""
    return (
        selectors.published_observations()
        .select_related("reply")
        .prefetch_related(
            Prefetch(
                "documents",
                queryset=ObservationDocument.objects.order_by("added_at", "pk"),
                to_attr="public_documents",
            )
        )
        .order_by(
            "-cycle__opens_on",
            "participant__code",
            "mandate__number",
            "organisation__name",
            "pk",
        )
    )


def published_replies():
    """Replies to published observations only, oldest first."""
    return (
        Reply.objects.filter(observation__status=Observation.Status.PUBLISHED)
        .select_related(
            "observation__organisation",
            "observation__participant",
            "observation__mandate",
            "observation__cycle",
        )
        .order_by("observation__published_at", "observation_id")
    )


def _official(field_name: str):
    """A field of the published report an observation stands beside, if any."""
    return Subquery(
        ProgressReport.objects.published()
        .filter(
            participant_id=OuterRef("participant_id"),
            mandate_id=OuterRef("mandate_id"),
            cycle_id=OuterRef("cycle_id"),
        )
        .values(field_name)[:1]
    )


def with_official_level(observations):
    """Observations annotated with `official_level` and `official_report_id`
    (None without a published report)."""
    return observations.annotate(
        official_level=_official("implementation_level"),
        official_report_id=_official("pk"),
    )


def _mark(observation, official: str | None) -> None:
    observation.official_level = official
    observation.official_level_label = (
        ImplementationLevel(official).label if official else ""
    )
    observation.different_views = views_differ(official, observation.assessment)
    # None when nobody replied (the reverse one-to-one raises otherwise).
    observation.public_reply = getattr(observation, "reply", None)


@dataclass
class Beside:
    """Published reports, each with the published observations beside it."""

    reports: list
    orphans: list = field(default_factory=list)  # no published report to stand by

    @property
    def observed(self) -> int:
        """How many of the reports have observations beside them."""
        return sum(1 for report in self.reports if report.observations)


def _any_beside(field: str) -> FixedRead:
    """Whether a published observation names a subject (its `field`: a
    mandate's or a participant's id) in a cycle: one row at most."""
    return FixedRead(
        lambda subject, cycle: Observation.objects.published()
        .filter(**{field: subject}, cycle_id=cycle)
        .values("pk")
        .order_by()[:1],
        arguments=("subject", "cycle"),
    )


# The pages' two cases (a mandate's page, a participant's), as fixed statements.
_ANY_BESIDE = {field: _any_beside(field) for field in ("mandate_id", "participant_id")}


def _any_published(filters: dict) -> bool:
    """Whether a published observation matches the `<name>_id` filters."""
    subjects = filters.keys() - {"cycle_id"}
    if "cycle_id" in filters and len(subjects) == 1:
        (field,) = subjects
        if field in _ANY_BESIDE:
            return bool(
                _ANY_BESIDE[field](subject=filters[field], cycle=filters["cycle_id"])
            )
    return Observation.objects.published().filter(**filters).exists()


def attach(reports, *, participant=None, mandate=None, cycle) -> Beside:
    """Give each published report its published observations (as
    `report.observations`, each marked with `different_views`), in one query
    and one for the sources, however many reports. Observations of the same
    participant, mandate and cycle with no published report are returned as
    `orphans`: they are shown apart, never hidden."""
    reports = list(reports)
    beside = Beside(reports)
    for report in reports:
        report.observations = []
        report.different_views = False
    if cycle is None:
        return beside
    by_subject = {(r.participant_id, r.mandate_id): r for r in reports}
    filters = {"participant": participant, "mandate": mandate, "cycle": cycle}
    filters = {f"{k}_id": v.pk for k, v in filters.items() if v is not None}
    # Most reports have no observation beside them: a bare EXISTS (1 ms) spares
    # them the full read, whose ten joins take 9 ms to build and plan.
    if not _any_published(filters):
        return beside
    observations = published().filter(**filters)
    for observation in observations:
        report = by_subject.get((observation.participant_id, observation.mandate_id))
        if report is None:
            _mark(observation, None)
            beside.orphans.append(observation)
            continue
        _mark(observation, report.implementation_level)
        report.observations.append(observation)
        report.different_views |= observation.different_views
    return beside


def for_report(report) -> list:
    """The published observations beside one published report (none beside an
    unpublished one: its page is not public)."""
    if report.status != ProgressReport.Status.PUBLISHED:
        return []
    observations = list(
        published().filter(
            participant_id=report.participant_id,
            mandate_id=report.mandate_id,
            cycle_id=report.cycle_id,
        )
    )
    for observation in observations:
        _mark(observation, report.implementation_level)
    return observations


# --- Dashboards ------------------------------------------------------------------


@dataclass
class SectionViews:
    """Per section: published reports with observations, and with different views."""

    code: str
    observed: int = 0
    different: int = 0


@fixed_read("cycle")
def _observed_levels(cycle):
    """The published observations of a cycle that sit beside a published
    report, with that report's level."""
    official = PublishedLevel.objects.filter(
        cycle_id=OuterRef("cycle_id"),
        participant_id=OuterRef("participant_id"),
        mandate_id=OuterRef("mandate_id"),
    ).values("level")[:1]
    return (
        Observation.objects.published()
        .filter(cycle_id=cycle)
        .annotate(official=Subquery(official))
        .filter(official__isnull=False)
        .values(
            "participant_id",
            "mandate_id",
            "mandate__section__code",
            "assessment",
            "official",
        )
        .order_by()
    )


def section_observation_counts(*, cycle) -> list[SectionViews]:
    """For the dashboards: in each section, how many published reports of the
    cycle carry published observations, and how many of those carry an
    observation two levels or more away from the official level (one query).
    Observations with no published report beside them are not counted."""
    rows = [
        (
            row["participant_id"],
            row["mandate_id"],
            row["mandate__section__code"],
            row["assessment"],
            row["official"],
        )
        for row in _observed_levels(cycle=cycle.pk)
    ]
    if not rows:
        return []
    reports: dict[tuple, bool] = {}
    section_of: dict[tuple, str] = {}
    for participant_id, mandate_id, section, assessment, official in rows:
        key = (participant_id, mandate_id)
        section_of[key] = section or ""
        reports[key] = reports.get(key, False) or views_differ(official, assessment)
    counts: dict[str, SectionViews] = defaultdict(lambda: SectionViews(""))
    for key, different in reports.items():
        code = section_of[key]
        counts[code].code = code
        counts[code].observed += 1
        counts[code].different += different
    return sorted(counts.values(), key=lambda row: (row.code == "", row.code))
