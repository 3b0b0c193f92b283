"""The good-practice and capacity lists read the expected page and the count
of all in one query (common.api_fast.CountedRows); every page, the last
one and a page past it are what Django's Paginator gives over the plain rows."""

import pytest
from django.core.paginator import EmptyPage, Paginator
from django.db import connection
from django.test.utils import CaptureQueriesContext

from common.api_fast import CountedRows
from good_practices.models import Contribution
from tests.factories import GoodPracticeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def rows():
    GoodPracticeFactory.create_batch(7)
    GoodPracticeFactory(status="draft")
    return (
        Contribution.objects.published()
        .order_by("-published_at", "-pk")
        .values("pk", "title")
    )


@pytest.mark.parametrize("size", [1, 3, 7, 10])
def test_every_page_is_the_plain_paginators_page(rows, size):
    plain = Paginator(rows, size)
    assert plain.count == 7
    for number in plain.page_range:
        start = (number - 1) * size
        counted = Paginator(CountedRows(rows, start, size), size)
        with CaptureQueriesContext(connection) as queries:
            assert counted.count == 7
            page = list(counted.page(number))
        assert page == list(plain.page(number)), number
        assert len(queries) == 1, number


def test_another_page_than_the_expected_one_is_read_as_usual(rows):
    counted = Paginator(CountedRows(rows, 0, 3), 3)
    assert list(counted.page(3)) == list(Paginator(rows, 3).page(3))


def test_a_page_past_the_last_counts_all_and_is_empty(rows):
    counted = Paginator(CountedRows(rows, 30, 3), 3)
    assert counted.count == 7
    with pytest.raises(EmptyPage):
        counted.page(11)


def test_the_api_pages_with_it(client, rows):
    first = client.get("/api/v1/good-practices/").json()
    assert first["count"] == 7 and len(first["results"]) == 7
    assert client.get("/api/v1/good-practices/", {"page": 2}).status_code == 404


@pytest.mark.parametrize(
    ("page", "status"),
    [("3", 404), ("1000001", 404), ("99999999999999999999999", 400)],
)
def test_a_page_past_the_last_is_not_found(client, rows, page, status):
    """Not found, or refused as no page number at all: never a database error."""
    for address in ("/api/v1/good-practices/", "/api/v1/mandates/"):
        assert client.get(address, {"page": page}).status_code == status, address
