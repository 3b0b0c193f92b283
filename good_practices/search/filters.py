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

from common.params import query_ints, query_text
from progress.models import SupportType

from ..models import SEARCH_CONFIGS, Contribution

MandateLink = Contribution.mandates.through
# The kinds of the search: practices and capacities, and civil-society
# observations (matched apart: see search/observations.py).
KINDS = (*Contribution.Kind.values, "observation")
MAX_QUERY_LENGTH = 200
SHOWN = 8  # facet values shown before "more" (templates/good_practices/includes)
WORD = re.compile(r"[^\W_]+")


def _codes(values, pattern: str) -> tuple[str, ...]:
    return tuple(
        dict.fromkeys(v.upper() for v in values if re.fullmatch(pattern, v, re.I))
    )


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
            # PostgreSQL refuses NUL in a query: control characters become spaces.
            q=query_text(query, "q", max_length=MAX_QUERY_LENGTH),
            kind=_known(get("kind"), KINDS),
            participant=_codes(get("participant"), r"[A-Z]{2,12}"),
            section=_codes(get("section"), r"[A-G]"),
            mandate=query_ints(query, "mandate", low=1, high=57),
            support=_known(get("support"), SupportType.values),
            year=query_ints(query, "year", low=1990, high=2100),
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
    "kind": KINDS,
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
