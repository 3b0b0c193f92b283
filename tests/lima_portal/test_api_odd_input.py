"""Query values that look like numbers but are not ("²" is a digit to
str.isdigit(), not to int()), and NUL characters, which PostgreSQL refuses in a
string: a clear 400 where the value is required to be right, dropped where the
search ignores what it cannot read; never a 500. Found by the schema fuzzing.
"""

import pytest

from ..factories import GoodPracticeFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("cycle", ["²", "-1", "0", "99999999999999999999999"])
def test_dashboards_refuse_a_cycle_that_is_no_id(client, cycle):
    response = client.get("/api/v1/dashboards/sections/", {"cycle": cycle})
    assert response.status_code == 400
    assert response.json() == {"cycle": ["Give the id of a cycle."]}


@pytest.mark.parametrize(
    "query",
    [{"mandate": "³"}, {"year": "²⁰²⁰"}, {"q": "budget\x00"}, {"q": "\x00"}],
)
def test_search_drops_what_it_cannot_read(client, query):
    GoodPracticeFactory(title="Open budget")
    for url in [
        "/api/v1/good-practices/",
        "/api/v1/capacities/",
        "/en/good-practices/",
    ]:
        assert client.get(url, query).status_code == 200, url
    found = client.get("/api/v1/good-practices/", query).json()
    assert found["count"] == 1
