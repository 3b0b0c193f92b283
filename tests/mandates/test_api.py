import pytest

pytestmark = pytest.mark.django_db


def test_mandates_endpoint_lists_57(client):
    data = client.get("/api/v1/mandates/").json()
    assert data["count"] == 57
    assert data["results"][0]["number"] == 1
    assert data["results"][0]["section"] == "A"


def test_mandates_filter_by_section_and_range(client):
    section_b = client.get("/api/v1/mandates/", {"section": "b"}).json()
    assert [m["number"] for m in section_b["results"]] == list(range(13, 25))
    unplaced = client.get("/api/v1/mandates/", {"has_section": "false"}).json()
    assert unplaced["count"] == 31
    ranged = client.get("/api/v1/mandates/", {"number_min": 55, "number_max": 57})
    assert [m["number"] for m in ranged.json()["results"]] == [55, 56, 57]


def test_mandate_topic_follows_accept_language(client):
    data = client.get("/api/v1/mandates/2/", HTTP_ACCEPT_LANGUAGE="pt").json()
    assert data["topic"] == "Autonomia e independência judicial"
    assert data["topic_en"] == "Judicial autonomy and independence"


def test_api_is_read_only(client, django_user_model):
    user = django_user_model.objects.create_user("reader@example.org", "x" * 16)
    client.force_login(user)
    response = client.post(
        "/api/v1/mandates/", {"number": 58}, content_type="application/json"
    )
    assert response.status_code == 405
    assert client.delete("/api/v1/mandates/1/").status_code == 405


def test_list_query_count_does_not_grow(client, django_assert_num_queries):
    # The page of mandates with their sections (one join) and the count of all
    with django_assert_num_queries(1):
        client.get("/api/v1/mandates/")
