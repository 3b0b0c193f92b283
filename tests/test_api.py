import re

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


def test_participants_endpoint_lists_states_and_entities(client):
    data = client.get("/api/v1/participants/").json()
    assert data["count"] == 48
    entities = client.get("/api/v1/participants/", {"kind": "jswg"}).json()
    assert {p["code"] for p in entities["results"]} >= {"OAS", "IDB", "WB", "ECLAC"}
    assert entities["count"] == 13


def test_api_is_read_only(client, django_user_model):
    user = django_user_model.objects.create_user("reader@example.org", "x" * 16)
    client.force_login(user)
    response = client.post(
        "/api/v1/mandates/", {"number": 58}, content_type="application/json"
    )
    assert response.status_code == 405
    assert client.delete("/api/v1/mandates/1/").status_code == 405


def test_list_query_count_does_not_grow(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(2):
        client.get("/api/v1/mandates/")
    with django_assert_max_num_queries(2):
        client.get("/api/v1/participants/")


def test_openapi_schema_and_docs_without_cdn(client):
    schema = client.get("/api/v1/schema/", HTTP_ACCEPT="application/json")
    assert schema.status_code == 200
    assert "/api/v1/mandates/" in schema.content.decode()
    docs = client.get("/api/v1/docs/").content.decode()
    sources = re.findall(r'(?:src|href)="([^"]+)"', docs)
    assert sources, "the docs page loads its scripts from somewhere"
    assert all(not s.startswith(("http://", "https://", "//")) for s in sources)
    assert any("swagger-ui" in s for s in sources)


def test_healthz_reports_database_and_redis(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "redis": "ok"}


def test_healthz_says_503_when_redis_is_down(client, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            # Nothing listens on port 1; the check must say so, not crash.
            "LOCATION": "redis://127.0.0.1:1/0",
        }
    }
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["redis"] == "error"
    assert response.json()["database"] == "ok"


def test_pages_carry_a_content_security_policy(client):
    policy = client.get("/en/")["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "unsafe-inline" not in policy
    docs = client.get("/api/v1/docs/")
    assert "<style>" not in docs.content.decode()
    assert docs["Content-Security-Policy"] == policy
