"""Text queries read by each language's configuration, and the ranked results."""

import re
from functools import lru_cache

from django.conf import settings
from django.contrib.postgres.expressions import ArraySubquery
from django.contrib.postgres.search import SearchQuery, SearchVectorField
from django.db.models import (
    BooleanField,
    Expression,
    F,
    FloatField,
    Func,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    TextField,
    Value,
)
from django.db.models.functions import Coalesce, NullIf

from common.languages import active_language
from common.text import fold
from mandates.models import Mandate

from ..models import SEARCH_CONFIGS, Contribution, RegionalCapacity, TitleVector
from .filters import FACETS, WORD, MandateLink, SearchFilters, _facet_condition

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
    or, -word) and never raises a syntax error. A page asks for the same
    text's readings in several queries: they are made once (a pure function
    of the text; a SearchQuery is copied, never changed, when a query uses it).
    """
    return dict(_text_queries(text))


@lru_cache(maxsize=256)
def _text_queries(text: str) -> tuple:
    folded = fold(websearch_text(text))
    return tuple(
        (code, SearchQuery(folded, config=config, search_type="websearch"))
        for code, config in SEARCH_CONFIGS.items()
    )


def excludes_words(text: str) -> bool:
    """Whether the typed query leaves some word out ("-word").

    Only a "-" makes websearch_to_tsquery write a NOT. A query without one
    that a title's words match, the whole text's words match too: they
    include the title's, at the same positions (phrases hold too).
    """
    return "-" in fold(websearch_text(text))


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
    return Q(Matching(readings(queries), F(vector)))


def rank(queries: dict[str, SearchQuery]) -> "Rank":
    return Rank(readings(queries), F("search_vector"))


def readings(queries: dict[str, SearchQuery]) -> tuple:
    """(language, SQL, parameters) of each language's reading of a query.

    What SearchQuery compiles to, written once: the ORM compiled each of the
    four readings again in every branch of every query of a search page.
    """
    found = []
    for code, query in queries.items():
        config, text = query.get_source_expressions()
        sql = f"{query.function}(%s::regconfig, %s)"
        found.append(
            (
                code,
                f"!!({sql})" if query.invert else sql,
                (config.config.value, text.value),
            )
        )
    return tuple(found)


class ByLanguage(Expression):
    """One SQL branch per language, with the record's language and a vector."""

    def __init__(self, readings: tuple, vector):
        super().__init__()
        self.readings, self.language, self.vector = readings, F("language"), vector

    def get_source_expressions(self):
        return [self.language, self.vector]

    def set_source_expressions(self, exprs):
        self.language, self.vector = exprs

    def branches(self, compiler, template: str):
        language, language_params = compiler.compile(self.language)
        vector, vector_params = compiler.compile(self.vector)
        sql = template.format(language=language, vector=vector)
        for code, query, query_params in self.readings:
            yield (
                sql.replace("{query}", query),
                [*language_params, code, *vector_params, *query_params],
            )


class Matching(ByLanguage):
    """(language = 'en' AND vector @@ the English reading) OR ... for each."""

    conditional = True
    output_field = BooleanField()

    def as_sql(self, compiler, connection):
        template = "({language} = %s AND {vector} @@ ({{query}}))"
        branches = list(self.branches(compiler, template))
        sql = " OR ".join(branch for branch, _params in branches)
        return f"({sql})", [p for _branch, params in branches for p in params]


class Rank(ByLanguage):
    """ts_rank of the vector with the reading of the record's language; 0 if none."""

    output_field = FloatField()

    def as_sql(self, compiler, connection):
        template = "WHEN ({language} = %s) THEN ts_rank({vector}, {{query}})"
        branches = list(self.branches(compiler, template))
        sql = " ".join(branch for branch, _params in branches)
        params = [p for _branch, branch_params in branches for p in branch_params]
        return f"CASE {sql} ELSE %s END", [*params, 0.0]


# --- Results and facets --------------------------------------------------------------


class WholeVector(Func):
    """The whole stored vector, as an expression that no index serves.

    Used to test a few records already chosen by another index (a sample, a
    page of candidates) without first reading the GIN index for every match.
    """

    output_field = SearchVectorField()

    def as_sql(self, compiler, connection):
        # The vector itself where there is one, NULL where not: what
        # ts_filter(vector, '{a,b,c,d}') gave, without copying each vector.
        (vector,) = self.get_source_expressions()
        sql, params = compiler.compile(vector)
        return f"(CASE WHEN {sql} IS NOT NULL THEN {sql} END)", [*params, *params]


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
    whole too when the query excludes a word (a title may lack a word the
    text excludes); otherwise a title that matches says the text does.
    """
    records = Contribution.objects.published()
    if within is not None:
        records = records.filter(within)
    if filters.q and not matched:
        queries = text_queries(filters.q)
        if within is None and not titles:
            records = records.filter(matching(queries))
        elif within is not None or excludes_words(filters.q):
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
    Without, only what the page and the download show: the mandates' numbers
    and names, the capacities' type of support. The search vector always
    stays in the database.
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
    if with_texts:
        children = ["mandates", "regionalcapacity", "goodpractice"]
    else:
        records = records.defer("description")
        mandates = Mandate.objects.only("number", "topic")
        children = [Prefetch("mandates", queryset=mandates), _capacities()]
    return (
        records.select_related("participant")
        .defer("search_vector")
        .prefetch_related(*children)
    )


def _capacities() -> Prefetch:
    capacities = RegionalCapacity.objects.only("support_type").order_by()
    return Prefetch("regionalcapacity", queryset=capacities)


def page_rows(records: QuerySet) -> QuerySet:
    """The search page's rows (a page of `search_results`): each one's
    mandates as two arrays, their numbers and names, and a capacity's type of
    support, rather than models read by two more queries
    (templatetags.good_practices reads them)."""
    links = MandateLink.objects.filter(contribution_id=OuterRef("pk"))
    links = links.order_by("mandate__number")
    topic = Coalesce(
        NullIf(F(f"mandate__topic_{active_language()}"), Value("")),
        NullIf(F(f"mandate__topic_{settings.LANGUAGE_CODE}"), Value("")),
        Value(""),
        output_field=TextField(),
    )
    capacity = RegionalCapacity.objects.filter(pk=OuterRef("pk"))
    return records.prefetch_related(None).annotate(
        mandate_numbers=ArraySubquery(links.values("mandate__number")),
        mandate_names=ArraySubquery(links.values(topic=topic)),
        capacity_support=Subquery(capacity.values("support_type").order_by()),
    )
