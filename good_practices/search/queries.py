"""Text queries read by each language's configuration, and the ranked results."""

import re
from functools import reduce
from operator import or_

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVectorField
from django.db.models import (
    Case,
    F,
    FloatField,
    Func,
    Q,
    QuerySet,
    Value,
    When,
)

from common.text import fold

from ..models import SEARCH_CONFIGS, Contribution, TitleVector
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


def matching(queries: dict[str, SearchQuery], vector: str = "search_vector") -> Q:
    """Each record tried with the reading of its own language.

    The partial GIN index of each language serves its branch of the OR. Another
    `vector` is the name of an alias (see `_filtered`).
    """
    return reduce(
        or_, (Q(language=code, **{vector: query}) for code, query in queries.items())
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


class WholeVector(Func):
    """The whole stored vector, as an expression that no index serves.

    Used to test a few records already chosen by another index (a sample, a
    page of candidates) without first reading the GIN index for every match.
    """

    function = "ts_filter"
    template = "%(function)s(%(expressions)s, '{a,b,c,d}')"
    output_field = SearchVectorField()


def _filtered(
    filters: SearchFilters,
    *,
    skip: str | None = None,
    within: Q | None = None,
    matched: bool = False,
    titles: bool = False,
) -> QuerySet:
    """Published records that match, `within` some records if given.

    `within` records tested one by one rather than through the GIN index,
    or, if `matched`, already known to match the words. With `titles`, the
    index on the titles' words chooses the records, which must match as a
    whole too (a title may lack a word the text excludes).
    """
    records = Contribution.objects.published()
    if within is not None:
        records = records.filter(within)
    if filters.q and not matched:
        queries = text_queries(filters.q)
        if within is None and not titles:
            records = records.filter(matching(queries))
        else:
            records = records.alias(all_words=WholeVector("search_vector"))
            records = records.filter(matching(queries, "all_words"))
        if titles:
            records = records.alias(title_words=TitleVector("search_vector"))
            records = records.filter(matching(queries, "title_words"))
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
