"""The published OpenAPI schema describes what the API really returns.

Real answers of every list endpoint (and of a detail endpoint of each kind) are
validated against the schema that drf-spectacular generates, with data holding
the blanks and nulls that drafts and unplaced mandates have.
"""

import functools
import re

import pytest
from drf_spectacular.generators import SchemaGenerator
from jsonschema import Draft202012Validator
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from mandates.models import Mandate
from progress import services
from tests.factories import CapacityFactory, GoodPracticeFactory, ProgressReportFactory

pytestmark = pytest.mark.django_db


def _as_json_schema(node):
    """OpenAPI 3.0's `nullable: true` as JSON Schema says it."""
    if isinstance(node, list):
        return [_as_json_schema(item) for item in node]
    if not isinstance(node, dict):
        return node
    converted = {key: _as_json_schema(value) for key, value in node.items()}
    if converted.pop("nullable", False):
        return {"anyOf": [converted, {"type": "null"}]}
    return converted


@functools.cache
def _schema() -> dict:
    return SchemaGenerator().get_schema(request=None, public=True)


def validator(path: str, method: str = "get", status: str = "200"):
    schema = _schema()
    response = schema["paths"][path][method]["responses"][status]
    body = response["content"]["application/json"]["schema"]
    components = _as_json_schema(schema["components"])
    return Draft202012Validator({**_as_json_schema(body), "components": components})


def assert_matches(path: str, response, method: str = "get") -> None:
    assert response.status_code == 200, response.content
    errors = [
        f"{'/'.join(map(str, error.absolute_path))}: {error.message}"
        for error in validator(path, method).iter_errors(response.json())
    ]
    assert errors == []


@pytest.fixture
def blanks_and_nulls(cycle, participant, focal, mandate):
    """Published reports with and without a level, an assistance type and a
    section; a practice without an end year; a draft with nothing written."""
    unplaced = Mandate.objects.get(number=25)
    assert unplaced.section is None
    ProgressReportFactory(
        cycle=cycle, mandate=unplaced, implementation_level="", actions_taken=""
    )
    ProgressReportFactory(
        cycle=cycle,
        mandate=Mandate.objects.get(number=2),
        assistance_type="training",
        assistance_description="Training for auditors.",
        indicator_values={"2.1": 12, "2.2": True, "2.3": "text"},
    )
    GoodPracticeFactory(end_year=None, contact_name="", contact_email="")
    CapacityFactory(subregions=[])
    draft, _ = services.report_start(
        user=focal,
        participant=participant,
        mandate=Mandate.objects.get(number=26),
        cycle=cycle,
    )
    return draft


PUBLIC_LISTS = [
    "/api/v1/sections/",
    "/api/v1/mandates/",
    "/api/v1/participants/",
    "/api/v1/good-practices/",
    "/api/v1/capacities/",
    "/api/v1/cycles/",
    "/api/v1/reports/",
    "/api/v1/dashboards/sections/",
    "/api/v1/dashboards/matrix/",
]


@pytest.mark.parametrize("path", PUBLIC_LISTS)
def test_public_list_answers_match_the_schema(client, blanks_and_nulls, path):
    assert_matches(path, client.get(path))


def test_public_detail_answers_match_the_schema(client, blanks_and_nulls):
    first = {
        kind: client.get(f"/api/v1/{kind}/").json()["results"][0]["id"]
        for kind in ("reports", "good-practices", "capacities")
    }
    for template, value in [
        ("/api/v1/reports/{id}/", first["reports"]),
        ("/api/v1/good-practices/{id}/", first["good-practices"]),
        ("/api/v1/capacities/{id}/", first["capacities"]),
        ("/api/v1/mandates/{number}/", 25),
        ("/api/v1/dashboards/mandates/{number}/", 2),
        ("/api/v1/dashboards/participants/{code}/", "ARG"),
    ]:
        url = re.sub(r"\{\w+\}", str(value), template)
        assert_matches(template, client.get(url))


def test_blank_and_null_values_are_in_the_answers_checked(client, blanks_and_nulls):
    """The data above does reach the answers, so the schema is tried on them."""
    reports = client.get("/api/v1/reports/").json()["results"]
    assert {r["assistance_type"] for r in reports} == {"", "training"}
    assert {r["implementation_level"] for r in reports} == {"", "advanced"}
    assert None in {r["section"] for r in reports}
    mandate = client.get("/api/v1/mandates/25/").json()
    assert mandate["section"] is None


def test_workspace_answers_match_the_schema(focal, blanks_and_nulls):
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=focal)}")
    listed = api.get("/api/v1/workspace/reports/")
    assert_matches("/api/v1/workspace/reports/", listed)
    detail = f"/api/v1/workspace/reports/{blanks_and_nulls.pk}/"
    assert_matches("/api/v1/workspace/reports/{id}/", api.get(detail))
    saved = api.patch(
        detail, {"version": blanks_and_nulls.version, "results": ""}, format="json"
    )
    assert_matches("/api/v1/workspace/reports/{id}/", saved, method="patch")
    assert saved.json()["assistance_type"] == ""
