"""A search with many matches: approximate counts that say so, the same first page.

SEARCH_EXACT_LIMIT is lowered so that a few dozen records take the bounded
path that 10,000 matches take in production (good_practices/search/bounded.py).
"""

from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from accounts.models import Participant
from good_practices.search import SearchFilters, search_page, search_results

from ..factories import GoodPracticeFactory

pytestmark = pytest.mark.django_db


def practices(n: int, *, days_ago: int, **fields) -> list[int]:
    now = timezone.now()
    return [
        GoodPracticeFactory(
            published_at=now - timedelta(days=days_ago + i), **fields
        ).pk
        for i in range(n)
    ]


@pytest.fixture
def bounded(settings):
    settings.SEARCH_EXACT_LIMIT = 4
    settings.SEARCH_CANDIDATES = 21
    settings.SEARCH_SAMPLE_ROWS = 1000  # more than there are: the whole table
    settings.SEARCH_FACET_CACHE_SECONDS = 0


def analyzed():
    """Statistics for the planner, whose estimate decides what is many."""
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE good_practices_contribution")


@pytest.fixture
def whistleblowers(bounded):
    """30 matches: the best in titles but old, the newest only in passing.

    The 20 title matches all become candidates (with the newest other one);
    the newest 21 matches would have left out the best two.
    """
    best = practices(
        2,
        days_ago=300,
        title="Whistleblower protection: whistleblower hotline",
        summary="Protects every whistleblower.",
    )
    titled = practices(18, days_ago=100, title="Whistleblower protection office")
    in_passing = practices(
        10, days_ago=1, description="Also mentions a whistleblower once."
    )
    practices(5, days_ago=1, title="Open data")
    analyzed()
    return best, titled, in_passing


def test_many_matches_are_counted_approximately_and_the_page_says_so(
    client, whistleblowers
):
    results = search_page(SearchFilters(q="whistleblower"))
    assert results.approximate
    assert results.count == 30  # the sample is the whole table here
    page = client.get("/en/good-practices/", {"q": "whistleblower"}).content.decode()
    assert "About 30 results for “whistleblower”" in page
    assert "counts here are estimates" in page
    assert "(about 30)" in page  # the facets too (all in English)


@pytest.mark.parametrize(
    ("language", "heading", "facet"),
    [
        ("es", "Unos 30 resultados para “whistleblower”", "(unos 30)"),
        ("pt", "Cerca de 30 resultados para “whistleblower”", "(cerca de 30)"),
        ("fr", "Environ 30 résultats pour « whistleblower »", "(environ 30)"),
    ],
)
def test_approximate_counts_say_so_in_every_language(
    client, whistleblowers, language, heading, facet
):
    response = client.get(f"/{language}/good-practices/", {"q": "whistleblower"})
    page = response.content.decode()
    assert heading in page
    assert facet in page


def test_up_to_the_limit_counts_are_exact(client, bounded):
    practices(4, days_ago=1, title="Beneficial ownership register")
    practices(30, days_ago=1, title="Open data")
    analyzed()
    assert not search_page(SearchFilters(q="beneficial ownership")).approximate
    page = client.get("/en/good-practices/", {"q": "beneficial ownership"})
    text = page.content.decode()
    assert "4 results for “beneficial ownership”" in text
    assert "About" not in text
    assert "estimates" not in text


def test_just_above_the_limit_a_search_is_approximate(bounded):
    practices(5, days_ago=1, title="Beneficial ownership register")
    analyzed()
    assert search_page(SearchFilters(q="beneficial ownership")).approximate


def test_the_first_page_is_the_one_an_exact_ranking_gives(whistleblowers):
    best, titled, in_passing = whistleblowers
    filters = SearchFilters(q="whistleblower")
    results = search_page(filters)
    assert results.approximate  # the bounded path ranked 21 candidates of 30
    first_page = [record.pk for record in results.records[:20]]
    exact = list(search_results(filters).values_list("pk", flat=True)[:20])
    assert first_page == exact
    # The best-ranked come first although they are old; the newest match only
    # in passing and come after every title.
    assert first_page[:2] == best
    assert not set(first_page) & set(in_passing)


def test_operators_still_work_on_the_bounded_path(bounded):
    practices(6, days_ago=1, title="Asset declarations online")
    excluded = practices(
        6, days_ago=1, title="Asset declarations", description="paper forms"
    )
    analyzed()
    results = search_page(SearchFilters(q="asset declarations -paper"))
    found = {record.pk for record in results.records}
    assert results.approximate
    assert len(found) == 6
    assert not found & set(excluded)


def test_a_narrowed_search_counts_its_own_matches_on_the_sample(
    whistleblowers, settings
):
    # The planner expects few matches of one participant in so small a table.
    settings.SEARCH_EXACT_LIMIT = 1
    practices(
        7,
        days_ago=1,
        title="Whistleblower channel",
        participant=Participant.objects.get(code="MEX"),
    )
    analyzed()
    filters = SearchFilters(q="whistleblower", participant=("ARG",))
    results = search_page(filters)
    assert results.approximate
    assert results.count == 30  # the sample is the whole table here: 37 match
    assert {record.participant.code for record in results.records} == {"ARG"}


def test_a_phrase_is_still_a_phrase_on_the_bounded_path(bounded):
    # Without "-", a title that matches says the whole text does: the
    # candidates are read from the titles alone.
    phrase = practices(6, days_ago=1, title="Open data portal")
    practices(6, days_ago=1, title="Data open portal")
    analyzed()
    results = search_page(SearchFilters(q='"open data"'))
    assert results.approximate
    assert {record.pk for record in results.records} == set(phrase)
