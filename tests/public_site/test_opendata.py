import csv
import io
import json
import re

import openpyxl
import pytest

from progress.models import ProgressReport
from tests.leaks import assert_no_unpublished

pytestmark = pytest.mark.django_db
Status = ProgressReport.Status


def download(client, url, **params) -> bytes:
    response = client.get(url, params)
    assert response.status_code == 200, response.content
    if response.streaming:
        return b"".join(response.streaming_content)
    return b"".join(response)


def csv_rows(body: bytes) -> list[dict]:
    return list(csv.DictReader(io.StringIO(body.decode())))


def xlsx_text(body: bytes) -> str:
    workbook = openpyxl.load_workbook(io.BytesIO(body), read_only=True)
    return "\n".join(
        " ".join(str(value) for value in row if value is not None)
        for sheet in workbook
        for row in sheet.iter_rows(values_only=True)
    )


@pytest.mark.parametrize("dataset", ["reports", "indicator-values"])
def test_anonymous_bulk_files_never_hold_an_unpublished_report(
    client, every_status, dataset
):
    published = {every_status["published"].pk, every_status["other"].pk}
    csv_body = download(client, f"/en/open-data/{dataset}.csv")
    assert_no_unpublished(csv_body.decode())
    ids = {int(row["report_id"]) for row in csv_rows(csv_body)}
    assert ids <= published
    json_body = download(client, f"/en/open-data/{dataset}.json")
    assert_no_unpublished(json_body.decode())
    assert {row["report_id"] for row in json.loads(json_body)["rows"]} <= published
    assert_no_unpublished(xlsx_text(download(client, f"/en/open-data/{dataset}.xlsx")))


def test_reports_file_matches_the_database(client, every_status, settings):
    settings.PORTAL_URL = "https://portal.example.org"
    report = every_status["published"]
    (row,) = [
        r
        for r in csv_rows(download(client, "/en/open-data/reports.csv"))
        if r["report_id"] == str(report.pk)
    ]
    assert row["participant_code"] == report.participant.code
    assert row["mandate_number"] == str(report.mandate.number)
    assert row["cycle"] == report.cycle.name
    assert row["implementation_level"] == "initial"
    assert row["actions_taken"] == "Actions public"
    # Absolute, as in every download of the portal.
    assert row["url"] == f"https://portal.example.org/en/reports/{report.pk}/"


def test_indicator_values_are_one_row_per_answer(client, every_status):
    rows = csv_rows(download(client, "/en/open-data/indicator-values.csv"))
    published = every_status["published"]
    mine = [r for r in rows if r["report_id"] == str(published.pk)]
    assert [(r["indicator_code"], r["value"]) for r in mine] == [
        (code, value) for code, value in published.indicator_values.items()
    ]


def test_filtered_report_list_downloads_exactly_what_it_shows(
    client, every_status, participant, cycle
):
    from tests.factories import ProgressReportFactory

    for number in range(10, 14):
        ProgressReportFactory(
            participant=participant,
            mandate=type(every_status["draft"].mandate).objects.get(number=number),
            cycle=cycle,
        )
    query = {"cycle": cycle.pk, "participant": participant.code}
    page = client.get("/en/reports/", query)
    shown = [report.pk for report in page.context["page"]]
    assert len(shown) == 5  # the published one and the four above
    content = page.content.decode()
    assert f"/en/open-data/reports.csv?cycle={cycle.pk}&amp;participant=ARG" in content
    downloaded = csv_rows(download(client, "/en/open-data/reports.csv", **query))
    assert [int(row["report_id"]) for row in downloaded] == shown
    api = client.get("/api/v1/reports/", query).json()
    assert [item["id"] for item in api["results"]] == shown


def test_invalid_filter_is_refused_not_ignored(client, every_status):
    assert client.get("/en/open-data/reports.csv", {"cycle": "x"}).status_code == 400
    assert client.get("/en/reports/", {"mandate": "99"}).status_code == 400


def test_unknown_dataset_or_format_is_404(client):
    assert client.get("/en/open-data/secrets.csv").status_code == 404
    assert client.get("/en/open-data/reports.pdf").status_code == 404


def test_data_dictionary_explains_every_column(client):
    from public_site.opendata.dictionary import described_datasets

    page = client.get("/en/open-data/dictionary/").content.decode()
    package = client.get("/en/open-data/datapackage.json").json()
    fields = {
        resource["name"].rsplit("-", 1)[0]: resource["schema"]["fields"]
        for resource in package["resources"]
    }
    for dataset in described_datasets():
        for column in dataset.columns:
            assert f"<code>{column.key}</code>" in page.replace("&lt;", "<").replace(
                "&gt;", ">"
            )
        described = {f["name"]: f for f in fields[dataset.key]}
        assert set(described) == {c.key for c in dataset.columns}
        assert all(f["description"] and f["type"] for f in described.values())
    paths = [resource["path"] for resource in package["resources"]]
    assert "http://testserver/en/open-data/indicator-values.xlsx" in paths


def test_files_columns_are_those_of_the_dictionary(client, every_status):
    from public_site.opendata.datasets import DATASETS

    for key, dataset in DATASETS.items():
        header = download(client, f"/en/open-data/{key}.csv").decode().splitlines()[0]
        assert header.split(",") == [column.key for column in dataset.columns]


def test_published_report_list_and_its_file_query_counts_do_not_grow(
    client, every_status, participant, cycle, django_assert_max_num_queries
):
    from mandates.models import Mandate
    from tests.factories import ProgressReportFactory

    with django_assert_max_num_queries(12) as few:
        client.get("/en/reports/")
    for mandate in Mandate.objects.filter(number__gt=20):
        ProgressReportFactory(participant=participant, mandate=mandate, cycle=cycle)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get("/en/reports/")
    with django_assert_max_num_queries(10):
        download(client, "/en/open-data/reports.csv")


def test_open_data_page_links_every_file(client, every_status):
    content = client.get("/en/open-data/").content.decode()
    for dataset in ("reports", "indicator-values"):
        for fmt in ("csv", "xlsx", "json"):
            assert f"/en/open-data/{dataset}.{fmt}" in content
    assert "/en/open-data/datapackage.json" in content


def test_xlsx_keeps_text_that_looks_like_a_formula_as_text(client, cycle):
    from tests.factories import ProgressReportFactory

    ProgressReportFactory(cycle=cycle, actions_taken='=HYPERLINK("http://x","y")')
    body = download(client, "/en/open-data/reports.xlsx")
    workbook = openpyxl.load_workbook(io.BytesIO(body))
    sheet = workbook["reports"]
    header = [cell.value for cell in sheet[1]]
    cell = sheet.cell(row=2, column=header.index("actions_taken") + 1)
    assert cell.data_type == "s"
    assert cell.value == '=HYPERLINK("http://x","y")'


@pytest.mark.parametrize("page", ["mandate", "participant"])
def test_public_progress_tables_download_what_they_show(
    client, every_status, cycle, participant, page
):
    from tests.factories import ProgressReportFactory

    mandate = every_status["published"].mandate
    for code in ("BRA", "OAS", "MEX"):
        ProgressReportFactory(
            participant=participant.__class__.objects.get(code=code),
            mandate=mandate,
            cycle=cycle,
        )
    url = (
        f"/en/mandates/{mandate.number}/"
        if page == "mandate"
        else f"/en/participants/{participant.code}/"
    )
    response = client.get(url, {"cycle": cycle.pk})
    shown = [report.pk for report in response.context["reports"]]
    link = re.search(
        r'href="(/en/open-data/reports\.csv\?[^"]+)"', response.content.decode()
    )[1].replace("&amp;", "&")
    downloaded = csv_rows(download(client, link))
    assert [int(row["report_id"]) for row in downloaded] == shown
    assert len(shown) == (4 if page == "mandate" else 1)


def test_bulk_xlsx_is_made_once_per_version_of_the_data(
    client, every_status, media, cycle
):
    from tests.factories import ProgressReportFactory

    first = download(client, "/en/open-data/reports.xlsx")
    assert download(client, "/en/open-data/reports.xlsx") == first
    assert len(list((media / "opendata").iterdir())) == 1
    ProgressReportFactory(
        cycle=cycle,
        mandate=every_status["draft"].mandate.__class__.objects.get(number=30),
        actions_taken="Newly published",
    )
    fresh = download(client, "/en/open-data/reports.xlsx")
    assert "Newly published" in xlsx_text(fresh)
    assert_no_unpublished(xlsx_text(fresh))
    assert len(list((media / "opendata").iterdir())) == 2
