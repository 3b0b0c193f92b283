import csv
import io
import re

import pytest

from mandates.models import Mandate
from public_site.dashboards import selectors
from tests.factories import ProgressReportFactory
from tests.leaks import assert_no_unpublished

pytestmark = pytest.mark.django_db


def body(response) -> str:
    if response.streaming:
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


def test_dashboards_count_only_published_reports(client, every_status, cycle):
    sections = {row.key: row for row in selectors.section_progress(cycle=cycle)}
    # Of ARG's five reports in the cycle (mandates 1 to 5, section A), one is
    # published, at level "initial"; the unpublished ones are all "completed".
    assert sections["A"].total == 1
    assert sections["A"].counts == {"initial": 1}
    page = client.get("/en/dashboards/", {"cycle": cycle.pk})
    assert page.status_code == 200
    assert_no_unpublished(page.content.decode())


def test_matrix_cells_give_a_code_that_the_legend_says_in_words(
    client, every_status, cycle
):
    response = client.get("/en/dashboards/matrix/", {"cycle": cycle.pk})
    content = response.content.decode()
    published = every_status["published"]
    cell = re.search(
        rf"<td class=(l\d)><a href=/en/reports/{published.pk}/>(\w+)</a>", content
    )
    assert cell, "the published report's cell"
    assert cell.groups() == ("l1", "IN")  # "initial": the second level
    # The code is explained, in words, by the legend the table points to.
    assert '<abbr title="Initial">IN</abbr>: Initial' in content
    assert 'aria-describedby="matrix-help matrix-legend"' in content
    assert 'id="matrix-legend"' in content and 'id="matrix-help"' in content
    assert "class=l4" not in content  # "completed": only unpublished reports
    row = response.context["matrix"].rows
    arg = next(r for r in row if r.participant.code == "ARG")
    assert [c.level for c in arg.cells[:5]] == ["", "", "", "", "initial"]


def test_matrix_download_is_what_the_page_shows(client, every_status, cycle):
    query = {"cycle": cycle.pk, "participant_kind": "state", "section": "A"}
    matrix = client.get("/en/dashboards/matrix/", query).context["matrix"]
    rows = list(
        csv.DictReader(
            io.StringIO(body(client.get("/en/dashboards/matrix.csv", query)))
        )
    )
    assert [r["participant_code"] for r in rows] == [
        row.participant.code for row in matrix.rows
    ]
    numbers = [m.number for m in matrix.mandates]
    assert numbers == list(
        Mandate.objects.filter(section__code="A").values_list("number", flat=True)
    )
    for row, shown in zip(rows, matrix.rows, strict=True):
        assert [row[f"mandate_{n}"] for n in numbers] == [c.level for c in shown.cells]
    api = client.get("/api/v1/dashboards/matrix/", query).json()
    assert [r["participant"] for r in api["rows"]] == [
        r["participant_code"] for r in rows
    ]


def test_bad_matrix_filter_is_a_400(client, every_status):
    assert client.get("/en/dashboards/matrix/", {"section": "Z"}).status_code == 400
    assert client.get("/en/dashboards/matrix.csv", {"cycle": "x"}).status_code == 400


def test_mandate_chart_is_svg_with_text_and_a_table(client, every_status, cycle):
    ProgressReportFactory(
        participant=every_status["other"].participant,
        mandate=every_status["published"].mandate,
        cycle=cycle,
        implementation_level="completed",
    )
    number = every_status["published"].mandate.number
    content = client.get(f"/en/dashboards/mandates/{number}/").content.decode()
    assert '<svg class="bar-chart"' in content
    assert 'role="img"' in content
    assert "Initial: 1. " in content and "Completed: 1. " in content
    assert "<table" in content
    assert "https://" not in re.sub(
        r'href="https://[^"]*"', "", content.split("<main")[1]
    )
    assert "<script" not in content.split("<main")[1]
    assert_no_unpublished(content)


def test_participant_chart_counts_only_published(client, every_status, participant):
    response = client.get(f"/en/dashboards/participants/{participant.code}/")
    (current,) = response.context["per_cycle"]
    assert current.counts == {"initial": 1}
    assert "<svg" in response.content.decode()


@pytest.mark.parametrize(
    "url",
    [
        "/en/dashboards/",
        "/en/dashboards/matrix/",
        "/en/dashboards/mandates/1/",
        "/en/dashboards/participants/ARG/",
    ],
)
def test_dashboard_query_counts_do_not_grow(
    client, url, cycle, participant, django_assert_max_num_queries
):
    ProgressReportFactory(cycle=cycle)
    with django_assert_max_num_queries(12) as few:
        client.get(url)
    for mandate in Mandate.objects.filter(number__gt=1):
        ProgressReportFactory(participant=participant, mandate=mandate, cycle=cycle)
        ProgressReportFactory(
            participant=participant.__class__.objects.get(code="OAS"),
            mandate=mandate,
            cycle=cycle,
            implementation_level="completed",
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url)


def test_dashboards_without_published_progress_say_so(client, cycle):
    for url in [
        "/en/dashboards/",
        "/en/dashboards/matrix/",
        "/en/dashboards/mandates/1/",
    ]:
        response = client.get(url)
        assert response.status_code == 200
        assert "No progress has been published yet." in response.content.decode()
