"""The search page over many matches: bounded work, whatever the number of matches.

Up to SEARCH_EXACT_LIMIT matches the page is exact: every match ranked, the
count and the facet counts exact. Above it, three things stay bounded:

- The count and the facet counts come from a sample: the published records
  whose ids fall in twenty slices spread evenly over the ids, about
  SEARCH_SAMPLE_ROWS of them, scaled up and shown as approximate ("about").
  Slices of the primary key rather than TABLESAMPLE, so the ORM writes the
  query, and spread over the whole range, so old and new records both count.
- Ranking reads SEARCH_CANDIDATES candidates, not every match: the newest
  records whose title holds the words (the index on the titles' words finds
  them), topped up with the newest other matches. ts_rank gives a title
  match weight A, and for one word any record with the word in its title
  outranks every record without it; the candidates are then ranked exactly.
  bench/search.py checks that the first page is the one a full ranking gives.
- Only those candidates are offered page by page; the page says so.

Whether a search has many matches is decided cheaply: the planner's estimate
first, then the sample, then a count that stops at SEARCH_EXACT_LIMIT + 1, so
a count shown without "about" is always exact.
"""

import json
import math
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Max, Min, Q, QuerySet

from common.statements import id_array as ids

from ..models import Contribution
from .filters import SearchFilters
from .queries import _filtered, search_results

SLICES = 20
NEWEST = ("-published_at", "-pk")


@dataclass(frozen=True)
class Sample:
    """Published records in evenly spread slices of the ids, and how to scale."""

    within: Q  # the sampled records that match the words
    scale: float  # all published records per sampled one
    matches: int


@dataclass
class SearchPage:
    """What the search page shows: the records it pages through, best first."""

    records: QuerySet
    count: int | None = None  # None: the paginator counts the records exactly
    sample: Sample | None = None

    @property
    def approximate(self) -> bool:
        return self.sample is not None


def search_page(filters: SearchFilters) -> SearchPage:
    """The page's records and count; see the module's docstring."""
    records = search_results(filters)
    limit = settings.SEARCH_EXACT_LIMIT
    matches = _filtered(filters)
    if _planned_rows(matches) <= limit // 2:
        return SearchPage(records)
    sample = _sample(filters)
    if filters.is_narrowed:
        sampled = _filtered(filters, within=sample.within, matched=True).count()
    else:
        sampled = sample.matches
    estimate = round(sampled * sample.scale)
    if estimate <= limit * 3 // 2:
        # Near the limit a sample may err either way: count, but not far.
        exact = matches[: limit + 1].count()
        if exact <= limit:
            return SearchPage(records, count=exact)
        estimate = max(estimate, limit + 1)
    candidates = settings.SEARCH_CANDIDATES
    if filters.q:
        records = records.filter(pk__in=ids(_candidates(filters, candidates)))
    else:
        records = records[:candidates]  # newest first: the index reads no more
    return SearchPage(records, count=about(estimate), sample=sample)


def about(n: int) -> int:
    """n to three significant digits: 38,876 is about 38,900."""
    if n < 1000:
        return n
    step = 10 ** (int(math.log10(n)) - 2)
    return round(n / step) * step


def _planned_rows(records: QuerySet) -> float:
    plan = json.loads(records.only("pk").explain(format="json"))
    return plan[0]["Plan"]["Plan Rows"]


def _sample(filters: SearchFilters) -> Sample:
    """The records in evenly spread slices of the ids that match the words."""
    span = Contribution.objects.published().aggregate(low=Min("pk"), high=Max("pk"))
    low, high = span["low"] or 0, span["high"] or 0
    n = high - low + 1
    width = max(1, math.ceil(min(n, settings.SEARCH_SAMPLE_ROWS) / SLICES))
    step = n / SLICES
    slices = Q(pk__in=[])
    sampled = 0
    for i in range(SLICES):
        start = low + int(i * step)
        end = min(start + width - 1, low + int((i + 1) * step) - 1)
        if end >= start:
            slices |= Q(pk__range=(start, end))
            sampled += end - start + 1
    words = SearchFilters(q=filters.q)
    matched = list(_filtered(words, within=slices).values_list("pk", flat=True))
    return Sample(Q(pk__in=ids(matched)), n / max(sampled, 1), len(matched))


def _candidates(filters: SearchFilters, n: int) -> list[int]:
    """The newest matches with the words in their title, then the newest others."""
    titled = _filtered(filters, titles=True).order_by(*NEWEST)
    found = list(titled.values_list("pk", flat=True)[:n])
    if len(found) < n:
        others = _filtered(filters).exclude(pk__in=ids(found)).order_by(*NEWEST)
        found += others.values_list("pk", flat=True)[: n - len(found)]
    return found


def scaled(n: int, sample: Sample) -> int:
    """A count made on the sample, for all records."""
    return about(round(n * sample.scale))
