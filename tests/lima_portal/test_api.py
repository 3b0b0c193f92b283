"""The API as a whole: its schema and docs; the health check and security headers."""

import io
import re

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db


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


def test_schema_generation_has_no_warning(tmp_path):
    target = tmp_path / "schema.yaml"
    call_command(
        "spectacular",
        "--fail-on-warn",
        "--validate",
        "--file",
        str(target),
        stdout=io.StringIO(),
    )
    schema = target.read_text()
    for path in ["/api/v1/reports/", "/api/v1/cycles/", "/api/v1/dashboards/matrix/"]:
        assert f"{path}:" in schema
    assert "/api/v1/workspace/reports/{id}/submit/:" in schema
    assert "tokenAuth" in schema
