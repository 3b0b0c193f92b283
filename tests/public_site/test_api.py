"""The public API: cycles, published reports, dashboards; published data only."""

import pytest

from tests.leaks import UNPUBLISHED, assert_no_unpublished

pytestmark = pytest.mark.django_db


def test_anonymous_api_never_returns_an_unpublished_report(client, every_status):
    listed = client.get("/api/v1/reports/").json()
    assert {r["id"] for r in listed["results"]} == {
        every_status["published"].pk,
        every_status["other"].pk,
    }
    for status in UNPUBLISHED:
        report = every_status[status]
        assert client.get(f"/api/v1/reports/{report.pk}/").status_code == 404
    everything = "".join(
        client.get(url).content.decode()
        for url in [
            "/api/v1/reports/",
            f"/api/v1/reports/?participant=ARG&cycle={every_status['draft'].cycle_id}",
            "/api/v1/dashboards/sections/",
            "/api/v1/dashboards/matrix/",
            "/api/v1/dashboards/mandates/1/",
            "/api/v1/dashboards/participants/ARG/",
        ]
    )
    assert_no_unpublished(everything)
    cycle = every_status["draft"].cycle_id
    sections = client.get("/api/v1/dashboards/sections/", {"cycle": cycle}).json()
    section_a = next(row for row in sections if row["key"] == "A")
    assert section_a["total"] == 1  # of five reports, one is published


def test_signed_in_focal_point_also_gets_only_published_from_open_data(
    client, every_status, focal
):
    client.force_login(focal)
    assert_no_unpublished(client.get("/api/v1/reports/").content.decode())


def test_published_report_carries_its_indicator_values(client, every_status):
    report = every_status["published"]
    data = client.get(f"/api/v1/reports/{report.pk}/").json()
    assert data["indicator_values"] == {"5.1": "value public"}
    assert data["participant"] == "ARG"
    assert data["mandate"] == 5
    assert data["section"] == "A"


def test_published_reports_endpoint_filters_and_refuses_an_unknown_mandate(
    client, every_status, closed_cycle
):
    def ids(**query):
        return {
            r["id"] for r in client.get("/api/v1/reports/", query).json()["results"]
        }

    other = every_status["other"].pk
    assert ids(cycle=closed_cycle.pk) == {other}
    assert ids(participant="BRA") == {other}
    assert ids(participant_kind="jswg") == set()
    assert ids(implementation_level="advanced") == {other}
    assert ids(mandate=5, section="A") == {every_status["published"].pk}
    assert client.get("/api/v1/reports/", {"mandate": 99}).status_code == 400


def test_cycles_endpoint_lists_the_newest_cycle_first(client, cycle, closed_cycle):
    names = [c["name"] for c in client.get("/api/v1/cycles/").json()["results"]]
    assert names == ["Open cycle", "Closed cycle"]


def test_published_reports_endpoint_query_count_does_not_grow(
    client, cycle, participant, django_assert_max_num_queries
):
    from mandates.models import Mandate
    from tests.factories import ProgressReportFactory

    # The participants' order, the reports per (cycle, participant), the keys
    # of the reports the page overlaps, the page's reports
    # (public_site.opendata.paging).
    ProgressReportFactory(cycle=cycle)
    with django_assert_max_num_queries(4):
        client.get("/api/v1/reports/")
    for mandate in Mandate.objects.filter(number__gt=1):
        ProgressReportFactory(participant=participant, mandate=mandate, cycle=cycle)
    with django_assert_max_num_queries(4):
        client.get("/api/v1/reports/")
