"""Full-text search over the published good practices and regional capacities.

Only what a bare PostgreSQL has: the built-in text-search configurations
english, spanish, portuguese and french, and GIN indexes. No unaccent, no
pg_trgm.

- Accents and case are folded in Python (lima_portal.text.fold) where the
  search document is built, and the query is folded the same way, so
  "corrupcion" finds "corrupción".
- Each record's vector is built with the configuration of its own language,
  and a record is matched and ranked with the query parsed by that same
  configuration: a Spanish record is searched with 'spanish', an English one
  with 'english'. The typed query is parsed once per configuration and each
  reading is tried on the records of its language, so one query reaches
  records in every language (see `matching`).
- Facets count the records that the other facets leave: values within one
  facet add up (OR), facets narrow each other (AND).

The same `search_results` feeds the search page, the API and the benchmark.
"""

import hashlib
import re
from dataclasses import dataclass, field, replace
from functools import reduce
from operator import or_

from django.conf import settings
from django.contrib.postgres.search import SearchQuery, SearchRank
from django.core.cache import cache
from django.db import connection
from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    FloatField,
    Func,
    Max,
    OuterRef,
    Q,
    QuerySet,
    TextField,
    Value,
    When,
)
from django.db.models.functions import ExtractYear

from accounts.models import Participant
from lima_portal.text import fold
from mandates.models import Mandate, Section
from progress.models import SupportType

from .models import SEARCH_CONFIGS, Contribution

MandateLink = Contribution.mandates.through
MAX_QUERY_LENGTH = 200
SHOWN = 8  # facet values shown before "more" (templates/good_practices/includes)
WORD = re.compile(r"[^\W_]+")


# --- The search document -------------------------------------------------------------


def search_document(record: Contribution) -> tuple[str, str, str]:
    """The text a record is found by, folded, in three weights: A, B and C."""
    specific = record.specific
    body = [record.description]
    if record.is_practice:
        body += [specific.institution, specific.results]
    else:
        body += [specific.how_to_request]
    return fold(record.title), fold(record.summary), fold("\n".join(body))


# The document's vector: title weighs most (A), then summary (B), then the rest (C).
VECTOR_SQL = """
    setweight(to_tsvector(d.config::regconfig, d.title), 'A')
    || setweight(to_tsvector(d.config::regconfig, d.summary), 'B')
    || setweight(to_tsvector(d.config::regconfig, d.body), 'C')
"""


def vector_update_sql(source: str) -> str:
    """One UPDATE for any number of records (the ORM has no UPDATE ... FROM).

    `source` yields rows (id, config, title, summary, body) of folded text:
    a VALUES list here, a table filled by COPY in the benchmark.
    """
    return (
        "UPDATE good_practices_contribution AS c "  # noqa: S608 - no user input
        f"SET search_vector = {VECTOR_SQL} "
        f"FROM {source} AS d (id, config, title, summary, body) WHERE c.id = d.id"
    )


def search_vectors_write(documents: list[tuple[int, str, str, str, str]]) -> None:
    """Store the vectors of (pk, language, title, summary, body) documents.

    The texts must already be folded (see `search_document`); the language
    chooses the configuration. Used by the services for one record and by the
    demo for hundreds, so there is one definition of it.
    """
    batch = 2000
    for start in range(0, len(documents), batch):
        chunk = documents[start : start + batch]
        params = []
        for pk, language, title, summary, body in chunk:
            params += [pk, SEARCH_CONFIGS[language], title, summary, body]
        rows = ", ".join(["(%s::bigint, %s, %s, %s, %s)"] * len(chunk))
        with connection.cursor() as cursor:
            cursor.execute(vector_update_sql(f"(VALUES {rows})"), params)


def search_vector_refresh(record: Contribution) -> None:
    search_vectors_write([(record.pk, record.language, *search_document(record))])


# --- What was asked ------------------------------------------------------------------


def _codes(values, pattern: str) -> tuple[str, ...]:
    return tuple(
        dict.fromkeys(v.upper() for v in values if re.fullmatch(pattern, v, re.I))
    )


def _numbers(values, low: int, high: int) -> tuple[int, ...]:
    numbers = (int(v) for v in values if v.isdigit() and len(v) <= 4)
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
            q=" ".join(query.get("q", "").split())[:MAX_QUERY_LENGTH],
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


def text_queries(text: str) -> dict[str, SearchQuery]:
    """The typed query, folded, read by each language's configuration.

    websearch_to_tsquery accepts anything a person types ("quoted phrases",
    or, -word) and never raises a syntax error.
    """
    folded = fold(text)
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


def folded_sql(expression):
    """fold() in SQL, for text not stored folded (the needs of progress reports).

    translate() with the same table that fold() applies to the letters of the
    four languages (lower() then handles ASCII); core PostgreSQL, no unaccent.
    """
    translated = Func(
        expression,
        Value(FOLD_FROM),
        Value(FOLD_TO),
        function="translate",
        output_field=TextField(),
    )
    return Func(translated, function="lower", output_field=TextField())


def _fold_table() -> tuple[str, str]:
    source, target = [], []
    for code in range(0xC0, 0x250):
        letter = chr(code)
        folded = fold(letter)
        if len(folded) == 1 and folded != letter:
            source.append(letter)
            target.append(folded)
    return "".join(source), "".join(target)


FOLD_FROM, FOLD_TO = _fold_table()


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


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class Facet:
    name: str
    values: list[FacetValue]

    @property
    def selected(self) -> list[FacetValue]:
        return [v for v in self.values if v.selected]


def search_facets(filters: SearchFilters) -> list[Facet]:
    """Counts per facet value, with labels in the active language."""
    counts = _cached_counts(filters)
    labels = _labels(counts)
    facets = []
    for facet, by_value in counts.items():
        chosen = {str(v) for v in getattr(filters, facet)}
        for value in chosen - set(by_value):
            by_value[value] = 0
        values = [
            FacetValue(value, labels[facet].get(value, value), n, value in chosen)
            for value, n in by_value.items()
            if value in labels[facet]
        ]
        values = _ordered(facet, values)
        if len(values) > SHOWN:
            # The page shows the first few; what is chosen must be among them.
            values.sort(key=lambda value: not value.selected)
        facets.append(Facet(facet, values))
    return facets


# Facets that are a column of the record (or of its capacity row).
COLUMNS = {
    "kind": "kind",
    "participant": "participant__code",
    "support": "regionalcapacity__support_type",
    "language": "language",
    "year": "year",
}


def _published_fingerprint() -> str:
    """Changes whenever a record is published.

    Published records cannot be edited or withdrawn through the portal, so
    the newest publication time tells whether the published set changed; the
    partial index on published_at answers it without reading the table.
    """
    latest = Contribution.objects.published().aggregate(latest=Max("published_at"))
    return latest["latest"].isoformat() if latest["latest"] else "none"


def _cached_counts(filters: SearchFilters) -> dict[str, dict[str, int]]:
    """Facet counts, kept in the cache for the same search over the same data.

    Counting is most of a search page's work on a large database; one indexed
    look-up tells whether counts made earlier still hold, and
    SEARCH_FACET_CACHE_SECONDS bounds what it cannot see (an administrator
    changing or deleting a published record in the Django admin).
    """
    seconds = settings.SEARCH_FACET_CACHE_SECONDS
    if not seconds:
        return _all_counts(filters)
    digest = hashlib.sha256(f"{_published_fingerprint()}|{filters!r}".encode())
    key = f"good-practices:facets:{digest.hexdigest()}"
    counts = cache.get(key)
    if counts is None:
        counts = _all_counts(filters)
        cache.set(key, counts, seconds)
    return counts


def _all_counts(filters: SearchFilters) -> dict[str, dict[str, int]]:
    """Counts of every facet shown: from three to nine queries.

    A facet with chosen values counts what the other facets leave, so it needs
    its own query. The column facets without a choice all count the same
    records, so one GROUP BY over their combinations serves them all: on a
    fresh search that is one scan of the matches instead of five.
    """
    shown = [facet for facet in FACETS if facet not in filters.fixed]
    together = [f for f in shown if f in COLUMNS and not getattr(filters, f)]
    counts = _column_counts(together, _filtered(filters)) if together else {}
    for facet in shown:
        if facet in together:
            continue
        records = _filtered(filters, skip=facet)
        if facet in COLUMNS:
            counts |= _column_counts([facet], records)
        else:
            counts[facet] = _link_counts(facet, records)
    return {facet: counts[facet] for facet in shown}


def _column_counts(facets: list[str], records: QuerySet) -> dict[str, dict]:
    if "year" in facets:
        records = records.annotate(year=ExtractYear("published_at"))
    columns = [COLUMNS[facet] for facet in facets]
    rows = records.values_list(*columns).annotate(n=Count("pk")).order_by()
    counts: dict[str, dict[str, int]] = {facet: {} for facet in facets}
    for *values, n in rows:
        for facet, value in zip(facets, values, strict=True):
            if value is not None:  # a practice has no type of support
                key = str(value)
                counts[facet][key] = counts[facet].get(key, 0) + n
    return counts


def _link_counts(facet: str, records: QuerySet) -> dict[str, int]:
    links = MandateLink.objects.filter(contribution__in=records.values("pk"))
    key = "mandate__number" if facet == "mandate" else "mandate__section__code"
    # A record links to a mandate once, but may link to a section many times.
    count = Count("contribution_id", distinct=facet == "section")
    rows = links.filter(**{f"{key}__isnull": False}).values_list(key)
    return {str(value): n for value, n in rows.annotate(n=count).order_by()}


def _labels(counts: dict[str, dict]) -> dict[str, dict[str, str]]:
    def wanted(facet):
        return list(counts.get(facet, {}))

    labels = {
        "kind": dict(Contribution.Kind.choices),
        "support": dict(SupportType.choices),
        "language": {code: str(name) for code, name in settings.LANGUAGES},
        "year": {year: year for year in wanted("year")},
        "participant": {},
        "mandate": {},
        "section": {},
    }
    if wanted("participant"):
        participants = Participant.objects.filter(code__in=wanted("participant"))
        labels["participant"] = {p.code: p.name for p in participants}
    if wanted("mandate"):
        mandates = Mandate.objects.filter(number__in=wanted("mandate"))
        labels["mandate"] = {str(m.number): str(m) for m in mandates}
    if wanted("section"):
        sections = Section.objects.filter(code__in=wanted("section"))
        labels["section"] = {s.code: str(s) for s in sections}
    return labels


def _ordered(facet: str, values: list[FacetValue]) -> list[FacetValue]:
    if facet == "year":
        return sorted(values, key=lambda v: v.value, reverse=True)
    if facet in FIXED_ORDER:
        return sorted(values, key=lambda v: FIXED_ORDER[facet].index(v.value))
    if facet == "section":
        return sorted(values, key=lambda v: v.value)
    if facet == "mandate":
        return sorted(values, key=lambda v: (-v.count, int(v.value)))
    return sorted(values, key=lambda v: (-v.count, fold(v.label)))
