"""Reads of good practices, capacities, needs and initiatives (search: search.py)."""

from dataclasses import dataclass

from django.contrib.postgres.search import SearchRank, SearchVector
from django.db.models import (
    BigIntegerField,
    BooleanField,
    Case,
    Count,
    Exists,
    ExpressionWrapper,
    F,
    FloatField,
    OuterRef,
    Q,
    Value,
    When,
)

from accounts.selectors import participants_for
from common.text import folded_sql
from progress.models import ProgressReport
from progress.selectors import assistance_needs

from .models import (
    SEARCH_CONFIGS,
    Contribution,
    CooperationInitiative,
    GoodPractice,
    RegionalCapacity,
)
from .search import MandateLink, any_word_queries, matching, rank

RELATED = 5


# --- Workspace and moderation --------------------------------------------------------


def contributions_of(user):
    """The contributions of the participants this person belongs to."""
    return (
        Contribution.objects.filter(participant__in=participants_for(user))
        .select_related("participant", "decided_by")
        .defer("search_vector")
        .order_by("-updated_at", "-pk")
    )


def moderation_queue(*, kind: str | None = None):
    records = Contribution.objects.filter(status=Contribution.Status.SUBMITTED)
    if kind in Contribution.Kind.values:
        records = records.filter(kind=kind)
    return (
        records.select_related("participant", "submitted_by")
        .defer("search_vector")
        .order_by("submitted_at", "pk")
    )


# --- Detail pages --------------------------------------------------------------------


def _sharing_mandates(queryset, record: Contribution, mandate_ids):
    return (
        queryset.published()
        .exclude(pk=record.pk)
        .filter(mandates__in=mandate_ids)
        .annotate(shared=Count("mandates"))
        .select_related("participant")
        .defer("search_vector")
        .order_by("-shared", "-published_at", "-pk")[:RELATED]
    )


def related_practices(record: Contribution, mandate_ids):
    """Published practices that serve the most of the same mandates."""
    return _sharing_mandates(GoodPractice.objects.all(), record, mandate_ids)


def capacities_serving(record: Contribution, mandate_ids):
    """Published capacities that serve the most of the same mandates."""
    return _sharing_mandates(RegionalCapacity.objects.all(), record, mandate_ids)


def practice_detail_get(practice: GoodPractice) -> GoodPractice:
    return GoodPractice.objects.prefetch_related("mandates__section").get(
        pk=practice.pk
    )


# --- Matching needs and capacities ---------------------------------------------------


def open_needs(*, user):
    """Needs this person may see that no agreed or later initiative is meeting."""
    met = CooperationInitiative.objects.filter(
        need=OuterRef("pk"), status__in=CooperationInitiative.MEETING_NEED
    )
    return assistance_needs(user=user).exclude(Exists(met))


@dataclass
class Fit:
    """How well a capacity and a need go together, in the order that ranks them."""

    serves_mandate: bool
    same_type: bool
    text_rank: float

    @property
    def key(self) -> tuple:
        return (self.serves_mandate, self.same_type, self.text_rank)


def _capacity_fits(need: ProgressReport):
    """Published capacities for one need: mandate first, type, then its words.

    The need's words are a query of any of them, read by each configuration;
    each capacity's stored vector is ranked with its own language's reading.
    """
    words = any_word_queries(need.assistance_description)
    serves = MandateLink.objects.filter(
        contribution_id=OuterRef("pk"), mandate_id=need.mandate_id
    )
    return (
        RegionalCapacity.objects.published()
        .annotate(
            serves_mandate=Exists(serves),
            same_type=ExpressionWrapper(
                Q(support_type=need.assistance_type), output_field=BooleanField()
            ),
            text_rank=rank(words),
        )
        .filter(Q(serves_mandate=True) | matching(words))
        .order_by("-serves_mandate", "-same_type", "-text_rank", "-published_at", "-pk")
    )


def capacities_for_needs(needs, *, per_need: int = 3) -> dict[int, list]:
    """The best capacities for each need: two queries for any number of needs.

    One UNION ALL of a ranked, limited query per need, then the capacities.
    """
    needs = list(needs)
    if not needs:
        return {}
    parts = [
        _capacity_fits(need)
        .annotate(need_id=Value(need.pk, output_field=BigIntegerField()))
        .values_list("need_id", "pk", "serves_mandate", "same_type", "text_rank")[
            :per_need
        ]
        for need in needs
    ]
    rows = list(parts[0].union(*parts[1:], all=True))
    capacities = RegionalCapacity.objects.select_related("participant").in_bulk(
        {row[1] for row in rows}
    )
    fits: dict[int, list] = {need.pk: [] for need in needs}
    for need_id, pk, serves, same_type, text_rank in rows:
        fits[need_id].append((capacities[pk], Fit(serves, same_type, text_rank)))
    for pairs in fits.values():
        pairs.sort(key=lambda pair: pair[1].key, reverse=True)
    return fits


def capacities_for_need(need: ProgressReport, *, limit: int = 10) -> list:
    fits = _capacity_fits(need).select_related("participant")[:limit]
    return [
        (capacity, Fit(capacity.serves_mandate, capacity.same_type, capacity.text_rank))
        for capacity in fits
    ]


def _need_rank(words) -> Case:
    """Rank of each need's text, folded and read with its report's language.

    Needs are not stored with a vector (they belong to progress), so the
    vector is computed here; only the visible, open needs are ever compared.
    """
    text = folded_sql(F("assistance_description"))
    return Case(
        *(
            When(
                language=code,
                then=SearchRank(SearchVector(text, config=config), words[code]),
            )
            for code, config in SEARCH_CONFIGS.items()
        ),
        default=Value(0.0),
        output_field=FloatField(),
    )


def needs_for_capacity(capacity: RegionalCapacity, mandate_ids, *, user, limit=5):
    """Open needs this person may see that the capacity could meet."""
    words = any_word_queries(f"{capacity.title} {capacity.summary}")
    return (
        open_needs(user=user)
        .annotate(
            serves_mandate=ExpressionWrapper(
                Q(mandate_id__in=mandate_ids), output_field=BooleanField()
            ),
            same_type=ExpressionWrapper(
                Q(assistance_type=capacity.support_type), output_field=BooleanField()
            ),
            text_rank=_need_rank(words),
        )
        .filter(Q(serves_mandate=True) | Q(text_rank__gt=0))
        .order_by(
            "-serves_mandate", "-same_type", "-text_rank", "-cycle__opens_on", "pk"
        )[:limit]
    )


# --- Initiatives ---------------------------------------------------------------------


def _initiatives():
    return CooperationInitiative.objects.select_related(
        "need__participant",
        "need__mandate",
        "need__cycle",
        "capacity__participant",
    ).defer("capacity__search_vector")


def public_initiatives(*, status: str | None = None):
    """Initiatives whose need belongs to a published report (and capacity too)."""
    initiatives = _initiatives().filter(
        need__status=ProgressReport.Status.PUBLISHED,
        capacity__status=Contribution.Status.PUBLISHED,
    )
    if status in CooperationInitiative.Status.values:
        initiatives = initiatives.filter(status=status)
    return initiatives.order_by("-updated_at", "-pk")


def initiatives_for_need(need: ProgressReport):
    return _initiatives().filter(need=need).order_by("created_at", "pk")


def initiatives_by_need(need_ids) -> dict[int, list[CooperationInitiative]]:
    """The initiatives recorded on each of these needs, oldest first (one query)."""
    found: dict[int, list[CooperationInitiative]] = {}
    initiatives = (
        CooperationInitiative.objects.filter(need_id__in=need_ids)
        .select_related("capacity")
        .order_by("created_at", "pk")
    )
    for initiative in initiatives:
        found.setdefault(initiative.need_id, []).append(initiative)
    return found


def initiatives_for_capacity(capacity: RegionalCapacity, *, user):
    """Initiatives of a capacity whose need this person may see."""
    visible = assistance_needs(user=user).values("pk")
    return _initiatives().filter(capacity=capacity, need__in=visible)
