"""Published civil-society observations as one more kind of the search.

They live in a table of their own (civil_society), so they are matched here
and merged with the practices and capacities into one ranked list:
`with_observations` gives the search page a sequence a Paginator can slice,
and `observation_facet_counts` adds them to the facets' counts.

Their text is folded in SQL (common.text.folded_sql: the same table as
fold(), so "corrupcion" finds "corrupción") and read by the configuration of
the observation's own language, as the practices are. Observations are few
(one per organisation, participant, mandate and cycle), so the vector is
computed at query time rather than stored.
"""

from functools import reduce
from operator import or_

from django.conf import settings
from django.db import connection
from django.db.models import (
    BooleanField,
    Count,
    Expression,
    F,
    FloatField,
    Q,
    QuerySet,
    Value,
    Window,
)
from django.db.models.functions import ExtractYear
from django.db.models.query import EmptyQuerySet
from django.utils.translation import gettext_lazy as _

from civil_society import selectors
from common.text import FOLD_FROM, FOLD_TO

from ..models import SEARCH_CONFIGS
from .filters import SearchFilters
from .queries import page_rows, readings, text_queries

KIND = "observation"
KIND_LABEL = _("Civil-society observation")


def observation_latest() -> QuerySet:
    """When an observation was last published (for the cached counts)."""
    observations = selectors.published_observations().select_related(None)
    observations = observations.filter(published_at__isnull=False)
    return observations.order_by("-published_at").values("published_at")[:1]


class _Searched(Expression):
    """An observation tried (or ranked) with the reading of its own language.

    Its vector: the organisation's name weighs like a title (A), the text like
    a body (C), each folded and read by the configuration of the
    observation's language. One CASE on the language, each branch with that
    language's vector and reading: the ORM wrote the vector of every language
    in every branch (forty vectors in a query's text where eight do).
    """

    def __init__(self, readings: tuple):
        super().__init__()
        self.readings = readings
        self.sources = [F("language"), F("organisation__name"), F("text")]

    def get_source_expressions(self):
        return self.sources

    def set_source_expressions(self, exprs):
        self.sources = list(exprs)

    def branches(self, compiler, template: str):
        (language, name, text), params = zip(
            *(compiler.compile(source) for source in self.sources), strict=True
        )
        language_params, name_params, text_params = params

        def weighed(column, column_params, config, weight):
            sql = (
                f"setweight(to_tsvector(%s::regconfig, COALESCE(lower("
                f"translate({column}, %s, %s)), %s)), %s)"
            )
            return sql, [config, *column_params, FOLD_FROM, FOLD_TO, "", weight]

        for code, query, query_params in self.readings:
            config = SEARCH_CONFIGS[code]
            title, title_params = weighed(name, name_params, config, "A")
            body, body_params = weighed(text, text_params, config, "C")
            yield (
                f"WHEN {language} = %s THEN "
                + template.format(vector=f"({title} || {body})", query=query),
                [*language_params, code, *title_params, *body_params, *query_params],
            )

    def case(self, compiler, template: str, default: list) -> tuple[str, list]:
        branches = list(self.branches(compiler, template))
        sql = " ".join(branch for branch, _params in branches)
        params = [p for _branch, branch_params in branches for p in branch_params]
        return f"CASE {sql} ELSE %s END", [*params, *default]


class ObservationMatching(_Searched):
    conditional = True
    output_field = BooleanField()

    def as_sql(self, compiler, connection):
        return self.case(compiler, "{vector} @@ ({query})", [False])


class ObservationRank(_Searched):
    output_field = FloatField()

    def as_sql(self, compiler, connection):
        return self.case(compiler, "ts_rank({vector}, {query})", [0.0])


FACET_FIELDS = {
    "participant": "participant__code__in",
    "section": "mandate__section__code__in",
    "mandate": "mandate__number__in",
    "language": "language__in",
}


def _facet_condition(facet: str, values) -> Q | None:
    """None when the facet cannot hold an observation (a type of support)."""
    if facet == "kind":
        return Q() if KIND in values else None
    if facet == "support":
        return None
    if facet == "year":
        return reduce(or_, (Q(published_at__year=year) for year in values))
    return Q(**{FACET_FIELDS[facet]: values})


def observation_matches(filters: SearchFilters, *, skip: str | None = None):
    """Published observations the search finds (none when a facet rules them out)."""
    observations = selectors.published_observations()
    if filters.q:
        words = readings(text_queries(filters.q))
        observations = observations.filter(ObservationMatching(words))
    for facet in (
        "kind",
        "participant",
        "section",
        "mandate",
        "support",
        "year",
        "language",
    ):
        values = getattr(filters, facet)
        if not values or facet == skip:
            continue
        condition = _facet_condition(facet, values)
        if condition is None:
            return observations.none()
        observations = observations.filter(condition)
    return observations


# --- One ranked list with the practices and capacities ------------------------------


class WithObservations:
    """Practices and capacities (a QuerySet, ranked) and observations, merged
    in the same order: rank, then newest first. A Paginator slices it: one
    UNION query reads the keys of the page's rows, then each kind its rows.

    Told which slice the Paginator will ask for (`expect`), the count and
    that slice's keys come from one query (a window count over the UNION).
    """

    ORDER = ("-rank", "-published_at", "-id")

    def __init__(self, filters: SearchFilters, records: QuerySet):
        self.filters, self.records = filters, records
        self.observations = observation_matches(filters)
        self.expected: tuple[int, int] | None = None
        self.total: int | None = None
        self.read: list | None = None  # the expected slice's keys

    def expect(self, start: int, size: int) -> None:
        self.expected = (start, size)

    def _keys(self):
        q = self.filters.q
        rank_of = ObservationRank(readings(text_queries(q))) if q else Value(0.0)

        def keyed(queryset, kind, rank_of):
            if rank_of is not None:
                queryset = queryset.annotate(rank=rank_of)
            return (
                queryset.annotate(search_kind=Value(kind))
                .order_by()
                .values_list("rank", "published_at", "id", "search_kind")
            )

        # The records are ranked already when there are words.
        records = keyed(self.records, "record", None if q else Value(0.0))
        return records.union(keyed(self.observations, KIND, rank_of), all=True)

    def _read_expected(self) -> None:
        """The expected slice's keys and the count of all, in one query."""
        start, size = self.expected
        sql, params = self._keys().query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT *, COUNT(*) OVER () FROM ({sql}) AS keys "  # noqa: S608
                "ORDER BY 1 DESC, 2 DESC, 3 DESC LIMIT %s OFFSET %s",
                [*params, size, start],
            )
            rows = cursor.fetchall()
        if rows or not start:
            self.read = [row[:4] for row in rows]
            self.total = rows[0][4] if rows else 0

    def count(self) -> int:
        if self.total is None and self.expected:
            self._read_expected()
        if self.total is None:  # nothing expected, or past the last page
            self.total = self._keys().count()
        return self.total

    def __len__(self) -> int:
        return self.count()

    def _slice_keys(self, index: slice) -> list:
        if self.read is not None and index.step is None:
            start, size = self.expected
            low, high = index.start or 0, index.stop
            if start <= low and high is not None and high <= start + size:
                return self.read[low - start : high - start]
        return list(self._keys().order_by(*self.ORDER)[index])

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        keys = self._slice_keys(index)
        wanted = {
            kind: [k[2] for k in keys if k[3] == kind] for kind in ("record", KIND)
        }
        rows = page_rows(self.records.filter(pk__in=wanted["record"]))
        found = {("record", r.pk): r for r in rows}
        for observation in observation_rows(wanted[KIND]):
            found[(KIND, observation.pk)] = observation
        return [found[(k[3], k[2])] for k in keys]


class CountedRecords:
    """Records (a QuerySet) a Paginator pages, told which slice it will ask
    for (`expect`): that slice's rows and the count of all in one query (a
    window count), as WithObservations does for its keys."""

    def __init__(self, records: QuerySet):
        self.records = records
        self.expected: tuple[int, int] | None = None
        self.total: int | None = None
        self.read: list | None = None

    def expect(self, start: int, size: int) -> None:
        self.expected = (start, size)

    def count(self) -> int:
        if self.total is None and self.expected:
            start, size = self.expected
            counted = page_rows(self.records)
            counted = counted.annotate(search_total=Window(Count("pk")))
            rows = list(counted[start : start + size])
            if rows or not start:
                self.read = rows
                self.total = rows[0].search_total if rows else 0
        if self.total is None:  # nothing expected, or past the last page
            self.total = self.records.count()
        return self.total

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index):
        if isinstance(index, slice) and self.read is not None and not index.step:
            start, size = self.expected
            low, high = index.start or 0, index.stop
            if start <= low and high is not None and high <= start + size:
                return self.read[low - start : high - start]
        return self.records[index]


SHOWN_FIELDS = (
    "assessment",
    "published_at",
    "language",
    "text",
    "organisation__name",
    "participant__name",
    "mandate__number",
    "cycle__name",
)


def observation_rows(pks):
    """The observations of a page of results, marked as such for the template."""
    if not pks:
        return []
    # Only what a result shows: not the reply and its authors, nor the order;
    # the participant's name in every language (modeltranslation picks one).
    observations = selectors.published_observations().select_related(None)
    names = [f"participant__name_{code}" for code, _name in settings.LANGUAGES]
    rows = list(
        observations.select_related("organisation", "participant", "mandate", "cycle")
        .only(*SHOWN_FIELDS, *names)
        .filter(pk__in=pks)
        .order_by()
    )
    for observation in rows:
        observation.search_kind = KIND
    return rows


def with_observations(filters: SearchFilters, records: QuerySet):
    """The search page's results: `records` alone when observations are not
    asked for (a type of support, or a kind without them)."""
    if filters.kind and KIND not in filters.kind or filters.support:
        return records
    return WithObservations(filters, records)


# --- Facet counts -------------------------------------------------------------------

COLUMNS = {
    "kind": None,
    "participant": "participant__code",
    "section": "mandate__section__code",
    "mandate": "mandate__number",
    "language": "language",
    "year": "year",
}


def observation_facet_counts(filters: SearchFilters, facets) -> dict[str, dict]:
    """Counts of observations per facet value, each facet counting what the
    other facets leave, as the practices' counts do.

    As there, the facets without a choice count the same observations: one
    GROUP BY over their combinations serves them all. The kind counts them
    too, unless a kind without observations is chosen (then it counts apart).
    """
    shown = [f for f in facets if f in COLUMNS]
    kind_apart = filters.kind and KIND not in filters.kind
    together = [
        f for f in shown if not getattr(filters, f) or (f == "kind" and not kind_apart)
    ]
    counts = _grouped(together, observation_matches(filters)) if together else {}
    for facet in shown:
        if facet not in together:
            counts |= _grouped([facet], observation_matches(filters, skip=facet))
    return counts


def _grouped(facets: list[str], observations) -> dict[str, dict]:
    columns = [COLUMNS[f] for f in facets if f != "kind"]
    counts: dict[str, dict] = {facet: {} for facet in facets}
    if isinstance(observations, EmptyQuerySet):
        return counts
    if "year" in facets:
        observations = observations.annotate(year=ExtractYear("published_at"))
    rows = observations.order_by().values_list(*columns).annotate(n=Count("pk"))
    for *values, n in rows if columns else [(observations.count(),)]:
        if "kind" in counts:
            counts["kind"][KIND] = counts["kind"].get(KIND, 0) + n
        for facet, value in zip(
            [f for f in facets if f != "kind"], values, strict=True
        ):
            if value is not None:
                counts[facet][str(value)] = counts[facet].get(str(value), 0) + n
    return counts
