"""Search operators work in the portal's four languages, or as symbols."""

import pytest

from good_practices.search import SearchFilters, search_results
from good_practices.search.queries import websearch_text
from tests.factories import GoodPracticeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_practices():
    return {
        GoodPracticeFactory(title="Blockchain registry of public contracts").pk,
        GoodPracticeFactory(title="Protection of whistleblowers in ministries").pk,
    }


def found(q: str) -> set[int]:
    return {record.pk for record in search_results(SearchFilters(q=q))}


@pytest.mark.parametrize(
    "q",
    [
        "blockchain or whistleblowers",
        "blockchain o whistleblowers",
        "blockchain ou whistleblowers",
        "blockchain OU whistleblowers",
        "blockchain | whistleblowers",
        "blockchain|whistleblowers",
    ],
)
def test_alternatives_in_any_language_find_either(two_practices, q):
    assert found(q) == two_practices


def test_words_without_an_operator_must_all_be_there(two_practices):
    assert found("blockchain whistleblowers") == set()


def test_quoted_phrases_are_left_as_written():
    assert websearch_text('"uno o dos" o tres') == '"uno o dos" or tres'
