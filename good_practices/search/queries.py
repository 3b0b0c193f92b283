"""Text queries read by each language's configuration, and the ranked results."""

import re
from functools import reduce
from operator import or_

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db.models import (
    Case,
    F,
    FloatField,
    Q,
    QuerySet,
    Value,
    When,
)

from common.text import fold

from ..models import SEARCH_CONFIGS, Contribution
from .filters import FACETS, WORD, SearchFilters, _facet_condition

# "or" in the portal's four languages, and the symbol, between alternatives.
OR_WORDS = {"or", "o", "ou", "|"}
QUOTED = re.compile(r'("[^"]*")')


def websearch_text(text: str) -> str:
    """The typed query with "o", "ou" and "|" read as websearch's "or".

    Inside quotes nothing changes: a quoted phrase is searched as written.
    """
    parts = []
    for i, part in enumerate(QUOTED.split(text)):
        if i % 2:  # a quoted phrase
            parts.append(part)
            continue
        words = part.replace("|", " | ").split()
        parts.append(" ".join("or" if w.casefold() in OR_WORDS else w for w in words))
    return " ".join(part for part in parts if part)


def text_queries(text: str) -> dict[str, SearchQuery]:
    """The typed query, folded, read by each language's configuration.

    websearch_to_tsquery accepts anything a person types ("quoted phrases",
    or, -word) and never raises a syntax error.
    """
    folded = fold(websearch_text(text))
    return {
        code: SearchQuery(folded, config=config, search_type="websearch")
        for code, config in SEARCH_CONFIGS.items()
    }


def any_word_queries(text: str, *, limit: int = 40) -> dict[str, SearchQuery]:
    """A query that matches any of the text's words: for comparing two texts."""
    words = list(dict.fromkeys(w for w in WORD.findall(fold(text)) if len(w) > 2))
    raw = " | ".join(words[:limit]) or "_"
    return {
        code: SearchQuery(raw, config=config, search_type="raw")
        for code, config in SEARCH_CONFIGS.items()
    }


def matching(queries: dict[str, SearchQuery]) -> Q:
    """Each record tried with the reading of its own language.

    The partial GIN index of each language serves its branch of the OR.
    """
    return reduce(
        or_, (Q(language=code, search_vector=query) for code, query in queries.items())
    )


def rank(queries: dict[str, SearchQuery]) -> Case:
    return Case(
        *(
            When(language=code, then=SearchRank(F("search_vector"), query))
            for code, query in queries.items()
        ),
        default=Value(0.0),
        output_field=FloatField(),
    )


# --- Results and facets --------------------------------------------------------------


def _filtered(filters: SearchFilters, *, skip: str | None = None) -> QuerySet:
    records = Contribution.objects.published()
    if filters.q:
        records = records.filter(matching(text_queries(filters.q)))
    for facet in FACETS:
        values = getattr(filters, facet)
        if values and facet != skip:
            records = records.filter(_facet_condition(facet, values))
    return records


def search_results(filters: SearchFilters, *, with_texts: bool = False) -> QuerySet:
    """Published records that match, best first; the newest first without a query.

    Mandates and capacities' own fields come in two more queries; with
    `with_texts` (the API), practices' own fields and the description too.
    The search vector always stays in the database.
    """
    records = _filtered(filters)
    if filters.q:
        records = records.annotate(rank=rank(text_queries(filters.q))).order_by(
            "-rank", "-published_at", "-pk"
        )
    else:
        records = records.order_by("-published_at", "-pk")
    # Each kind's own row comes by prefetch, for the page's rows only: joining
    # the child tables before the sort costs more than the sort on many matches.
    children = ["regionalcapacity"]
    if with_texts:
        children.append("goodpractice")
    else:
        records = records.defer("description")
    return (
        records.select_related("participant")
        .defer("search_vector")
        .prefetch_related("mandates", *children)
    )
