"""Facet counts: each counts what the other facets leave, cached while the
published set is unchanged."""

import hashlib
from dataclasses import dataclass
from types import SimpleNamespace as Names

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db.models import (
    Count,
    Q,
    QuerySet,
)
from django.db.models.functions import ExtractYear

from accounts.models import Participant
from common.languages import active_language
from common.text import fold
from mandates.models import Mandate, Section, mandate_label
from progress.models import SupportType

from ..models import Contribution
from .bounded import Sample, scaled
from .filters import FACETS, FIXED_ORDER, SHOWN, MandateLink, SearchFilters
from .observations import (
    KIND,
    KIND_LABEL,
    observation_facet_counts,
    observation_latest,
)
from .queries import _filtered


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool
    approximate: bool = False


@dataclass
class Facet:
    name: str
    values: list[FacetValue]

    @property
    def selected(self) -> list[FacetValue]:
        return [v for v in self.values if v.selected]


def search_facets(filters: SearchFilters, sample: Sample | None = None) -> list[Facet]:
    """Counts per facet value, with labels in the active language.

    With a `sample` (see bounded.py), counts made on it, scaled and approximate.
    """
    counts = _cached_counts(filters, sample)
    labels = _labels(counts)
    facets = []
    for facet, by_value in counts.items():
        chosen = {str(v) for v in getattr(filters, facet)}
        for value in chosen - set(by_value):
            by_value[value] = 0
        values = [
            FacetValue(
                value,
                labels[facet].get(value, value),
                scaled(n, sample) if sample and n else n,
                value in chosen,
                approximate=sample is not None,
            )
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
    """Changes whenever a record or an observation is published.

    Published records cannot be edited or withdrawn through the portal, so
    the newest publication time tells whether the published set changed; the
    partial index on published_at answers it without reading the table. One
    query asks for both kinds.
    """
    records = Contribution.objects.published().filter(published_at__isnull=False)
    newest = [
        records.order_by("-published_at").values("published_at")[:1],
        observation_latest(),
    ]
    parts = [queryset.query.sql_with_params() for queryset in newest]
    sql = ", ".join(f"({part})" for part, _params in parts)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {sql}", [p for _part, params in parts for p in params])
        moments = cursor.fetchone()
    return "|".join(moment.isoformat() if moment else "none" for moment in moments)


def _cached_counts(filters: SearchFilters, sample) -> dict[str, dict[str, int]]:
    """Facet counts, kept in the cache for the same search over the same data.

    Counting is most of a search page's work on a large database; one indexed
    look-up tells whether counts made earlier still hold, and
    SEARCH_FACET_CACHE_SECONDS bounds what it cannot see (an administrator
    changing or deleting a published record in the Django admin).
    """
    within = sample.within if sample else None
    seconds = settings.SEARCH_FACET_CACHE_SECONDS
    if not seconds:
        return _all_counts(filters, within)
    fingerprint = f"{_published_fingerprint()}|{filters!r}|{within!r}"
    key = f"good-practices:facets:{hashlib.sha256(fingerprint.encode()).hexdigest()}"
    counts = cache.get(key)
    if counts is None:
        counts = _all_counts(filters, within)
        cache.set(key, counts, seconds)
    return counts


def _all_counts(filters: SearchFilters, within: Q | None) -> dict[str, dict[str, int]]:
    """Counts of every facet shown: from one to seven queries, and one for
    the observations.

    A facet with chosen values counts what the other facets leave, so it needs
    its own query. The facets without a choice all count the same records, so
    one query serves them all (see `_together_counts`): on a fresh search that
    is one scan of the matches instead of seven.
    """
    shown = [facet for facet in FACETS if facet not in filters.fixed]
    together = [f for f in shown if not getattr(filters, f)]
    records = _filtered(filters, within=within, matched=within is not None)
    counts = _together_counts(together, records) if together else {}
    for facet in shown:
        if facet in together:
            continue
        records = _filtered(
            filters, skip=facet, within=within, matched=within is not None
        )
        if facet in COLUMNS:
            counts |= _column_counts([facet], records)
        else:
            counts[facet] = _link_counts(facet, records)
    if within is not None:
        # Counted on a sample and scaled: the few observations are left out.
        return {facet: counts[facet] for facet in shown}
    for facet, by_value in observation_facet_counts(filters, shown).items():
        for value, n in by_value.items():
            counts.setdefault(facet, {})
            counts[facet][value] = counts[facet].get(value, 0) + n
    return {facet: counts[facet] for facet in shown}


def _together_counts(facets: list[str], records: QuerySet) -> dict[str, dict]:
    """Counts of several facets over the same records, in one query.

    The records are read once (a WITH query); the column facets are one GROUP
    BY over their combinations, the section and the mandate one GROUPING SETS
    over the records' mandates. Each row: which part, its values, the count.
    """
    columns = [f for f in facets if f in COLUMNS]
    linked = [f for f in facets if f not in COLUMNS]
    inner = records.annotate(year=ExtractYear("published_at")).order_by()
    sql, params = inner.values_list(
        "pk", *(COLUMNS[f] for f in columns)
    ).query.sql_with_params()
    parts = []
    if columns:
        values = ", ".join(f"{f}::text" for f in columns)
        grouped = ", ".join(columns)
        parts.append(f"SELECT 0, ARRAY[{values}], COUNT(*) FROM m GROUP BY {grouped}")  # noqa: S608, E501
    if linked:
        parts.append(_links_sql(linked))
    with connection.cursor() as cursor:
        cursor.execute(
            f"WITH m ({', '.join(['id', *columns])}) AS ({sql}) "  # noqa: S608
            + " UNION ALL ".join(parts),
            params,
        )
        rows = cursor.fetchall()
    counts: dict[str, dict[str, int]] = {facet: {} for facet in facets}
    for part, values, n in rows:
        names = columns if part == 0 else [linked[part - 1]]
        for facet, value in zip(names, values, strict=True):
            if value is not None:  # a practice has no type of support
                counts[facet][value] = counts[facet].get(value, 0) + n
    return counts


def _links_sql(linked: list[str]) -> str:
    """Records per section (each once) and per mandate: part 1 and 2 in the
    order of `linked`."""
    number, code = '"mandate"."number"', '"section"."code"'
    keys = {"mandate": f"{number}::text", "section": code}
    if len(linked) == 2:
        first = number if linked[0] == "mandate" else code
        part = f"1 + GROUPING({first})"
        value = (
            f"CASE WHEN GROUPING({first}) = 0 "
            f"THEN {keys[linked[0]]} ELSE {keys[linked[1]]} END"
        )
    else:
        part, value = "1", keys[linked[0]]
    sets = ", ".join(f"({number if f == 'mandate' else code})" for f in linked)
    # Names of this code's own, no user input.
    return (
        f"SELECT {part}, ARRAY[{value}], COUNT(DISTINCT link.contribution_id) "  # noqa: S608
        f"FROM {MandateLink._meta.db_table} AS link "
        "JOIN m ON m.id = link.contribution_id "
        f"JOIN {Mandate._meta.db_table} AS mandate ON mandate.id = link.mandate_id "
        f"LEFT JOIN {Section._meta.db_table} AS section "
        "ON section.id = mandate.section_id "
        f"GROUP BY GROUPING SETS ({sets})"
    )


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
        "kind": {**dict(Contribution.Kind.choices), KIND: KIND_LABEL},
        "support": dict(SupportType.choices),
        "language": {code: str(name) for code, name in settings.LANGUAGES},
        "year": {year: year for year in wanted("year")},
        "participant": {},
        "mandate": {},
        "section": {},
    }
    names = _names({f: wanted(f) for f in ("participant", "mandate", "section")})
    for facet, key, name in names:
        if facet == "mandate":
            labels[facet][key] = mandate_label(int(key), name)
        elif facet == "section":
            labels[facet][key] = Section.__str__(Names(code=key, title=name))
        else:
            labels[facet][key] = name
    return labels


def _names(wanted: dict[str, list]) -> list[tuple[str, str, str]]:
    """(facet, value, name in the active language) of the participants,
    mandates and sections counted: one query, no model each (modeltranslation
    makes a model slow to build). A name missing in the active language is
    the English one, as the models' own attributes give it."""
    tables = {
        "participant": (Participant, "code", "name", str),
        "mandate": (Mandate, "number", "topic", int),
        "section": (Section, "code", "title", str),
    }
    parts, params = [], []
    for facet, (model, key, name, kind) in tables.items():
        if wanted[facet]:
            parts.append(_names_sql(model, key, name))
            params += [facet, [kind(value) for value in wanted[facet]]]
    if not parts:
        return []
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts), params)
        return cursor.fetchall()


def _names_sql(model, key: str, name: str) -> str:
    """The name in the active language, else in English, else nothing: what
    modeltranslation's attribute gives (common.languages.shown_in_language)."""
    quote, field = connection.ops.quote_name, model._meta.get_field
    local = quote(field(f"{name}_{active_language()}").column)
    english = quote(field(f"{name}_{settings.LANGUAGE_CODE}").column)
    key = quote(field(key).column)
    # Names of this code's models, no user input.
    return (
        f"SELECT %s, {key}::text, "  # noqa: S608
        f"COALESCE(NULLIF({local}, ''), NULLIF({english}, ''), '') "
        f"FROM {quote(model._meta.db_table)} WHERE {key} = ANY(%s)"
    )


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
