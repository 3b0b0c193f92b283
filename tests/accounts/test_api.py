import pytest

pytestmark = pytest.mark.django_db


def test_participants_endpoint_lists_states_and_entities(client):
    data = client.get("/api/v1/participants/").json()
    assert data["count"] == 48
    entities = client.get("/api/v1/participants/", {"kind": "jswg"}).json()
    assert {p["code"] for p in entities["results"]} >= {"OAS", "IDB", "WB", "ECLAC"}
    assert entities["count"] == 13


def test_list_query_count_does_not_grow(client, django_assert_num_queries):
    # The page of participants with the count of all, in one query
    with django_assert_num_queries(1):
        client.get("/api/v1/participants/")
