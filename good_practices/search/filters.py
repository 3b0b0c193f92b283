"""What a search asks for, as its URL states it, and the facets' conditions."""

import re
from dataclasses import dataclass, field, replace
from functools import reduce
from operator import or_

from django.db.models import (
    Exists,
    OuterRef,
    Q,
)

from progress.models import SupportType

from ..models import SEARCH_CONFIGS, Contribution

MandateLink = Contribution.mandates.through
MAX_QUERY_LENGTH = 200
SHOWN = 8  # facet values shown before "more" (templates/good_practices/includes)
WORD = re.compile(r"[^\W_]+")
# ASCII digits only: "³" passes str.isdigit() but not int().
SMALL_NUMBER = re.compile(r"[0-9]{1,4}")


def _codes(values, pattern: str) -> tuple[str, ...]:
    return tuple(
        dict.fromkeys(v.upper() for v in values if re.fullmatch(pattern, v, re.I))
    )


def _numbers(values, low: int, high: int) -> tuple[int, ...]:
    numbers = (int(v) for v in values if SMALL_NUMBER.fullmatch(v))
    return tuple(dict.fromkeys(n for n in numbers if low <= n <= high))


def _known(values, allowed) -> tuple[str, ...]:
    return tuple(dict.fromkeys(v for v in values if v in allowed))


@dataclass(frozen=True)
class SearchFilters:
    """A search as the URL states it; unknown values are dropped, not refused."""

    q: str = ""
    kind: tuple[str, ...] = ()
    participant: tuple[str, ...] = ()
    section: tuple[str, ...] = ()
    mandate: tuple[int, ...] = ()
    support: tuple[str, ...] = ()
    year: tuple[int, ...] = ()
    language: tuple[str, ...] = ()
    # Facets fixed by the caller (the API's kind) are not offered as choices.
    fixed: frozenset = field(default=frozenset(), compare=False)

    @classmethod
    def from_query(cls, query, **fixed) -> "SearchFilters":
        get = query.getlist
        filters = cls(
            # PostgreSQL takes no NUL character in a string.
            q=" ".join(query.get("q", "").replace("\x00", " ").split())[
                :MAX_QUERY_LENGTH
            ],
            kind=_known(get("kind"), Contribution.Kind.values),
            participant=_codes(get("participant"), r"[A-Z]{2,12}"),
            section=_codes(get("section"), r"[A-G]"),
            mandate=_numbers(get("mandate"), 1, 57),
            support=_known(get("support"), SupportType.values),
            year=_numbers(get("year"), 1990, 2100),
            language=_known(get("language"), SEARCH_CONFIGS),
        )
        return replace(filters, **fixed, fixed=frozenset(fixed))

    @property
    def is_narrowed(self) -> bool:
        return any(getattr(self, name) for name in FACETS)

    def without(self, facet: str) -> "SearchFilters":
        return replace(self, **{facet: ()})


FACETS = ("kind", "participant", "section", "mandate", "support", "year", "language")
FIXED_ORDER = {
    "kind": Contribution.Kind.values,
    "support": SupportType.values,
    "language": list(SEARCH_CONFIGS),
}


def _facet_condition(facet: str, values) -> Q:
    if facet == "kind":
        return Q(kind__in=values)
    if facet == "participant":
        return Q(participant__code__in=values)
    if facet == "section":
        links = MandateLink.objects.filter(mandate__section__code__in=values)
        return Q(Exists(links.filter(contribution_id=OuterRef("pk"))))
    if facet == "mandate":
        links = MandateLink.objects.filter(mandate__number__in=values)
        return Q(Exists(links.filter(contribution_id=OuterRef("pk"))))
    if facet == "support":
        return Q(regionalcapacity__support_type__in=values)
    if facet == "year":
        # Ranges rather than EXTRACT, so an index on published_at can serve them.
        return reduce(or_, (Q(published_at__year=year) for year in values))
    if facet == "language":
        return Q(language__in=values)
    raise ValueError(facet)


# --- Matching and ranking ------------------------------------------------------------
