"""What the API answers when something is wrong, and that its schema says so.

Found by the schema fuzzing (test_api_fuzz), kept here as plain examples.
"""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_an_address_that_matches_no_api_route_is_a_json_404(client):
    # The mandate number must be digits: the URL matches no route at all.
    response = client.get("/api/v1/dashboards/mandates/abc/")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"detail": "Not found."}
    page = client.get("/en/no-such-page/")
    assert page.status_code == 404
    assert page["Content-Type"].startswith("text/html")


def test_dashboards_answer_with_the_format_suffix(client):
    for url in ["matrix.json", "sections.json", "mandates/40.json"]:
        response = client.get(f"/api/v1/dashboards/{url}")
        assert response.status_code == 200, url
        assert response["Content-Type"] == "application/json"


def test_schema_documents_the_errors_of_every_operation(client):
    schema = client.get(reverse("api-schema"), {"format": "json"}).json()
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            codes = set(operation["responses"])
            assert {"401", "429"} <= codes, (method, path)
            if "{" in path:
                assert "404" in codes, (method, path)
            if method in ("post", "patch"):
                assert {"400", "403"} <= codes, (method, path)
    mandate = schema["components"]["schemas"]["Mandate"]["properties"]
    assert mandate["section"]["nullable"] is True
