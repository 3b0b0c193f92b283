"""The XLSX matrices give levels in words, in the language asked for, and the
codes on a sheet of their own; CSV keeps the codes."""

import csv
import io

import openpyxl
import pytest
from django.utils import translation

from common.exports import write_table
from indicator_reports import registry
from indicator_reports.params import ReportParams
from mandates.models import Mandate
from progress.models import ProgressReport
from tests.factories import ProgressReportFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def levels(participant, other_participant, cycle):
    """Published reports of ARG (in progress) and BRA (initial) on mandate 13."""
    for who, level in ((participant, "in_progress"), (other_participant, "initial")):
        ProgressReportFactory(
            participant=who,
            mandate=Mandate.objects.get(number=13),
            cycle=cycle,
            status=ProgressReport.Status.PUBLISHED,
            implementation_level=level,
        )
    return cycle


def sheets(body: bytes) -> dict[str, list[dict]]:
    """Each sheet of a workbook as a list of rows keyed by its header."""
    workbook = openpyxl.load_workbook(io.BytesIO(body), read_only=True)
    found = {}
    for sheet in workbook.worksheets:
        header, *rows = sheet.iter_rows(values_only=True)
        found[sheet.title] = [dict(zip(header, row, strict=False)) for row in rows]
    return found


def by_participant(rows) -> dict[str, dict]:
    return {row["participant_code"]: row for row in rows if row.get("participant_code")}


def test_dashboard_matrix_xlsx_has_words_and_a_sheet_of_codes(client, levels):
    query = {"cycle": levels.pk, "participant_kind": "state", "section": "B"}
    response = client.get("/es/dashboards/matrix.xlsx", query)
    book = sheets(b"".join(response.streaming_content))
    words, codes = by_participant(book["matrix"]), by_participant(book["codes"])
    assert (words["ARG"]["mandate_13"], words["BRA"]["mandate_13"]) == (
        "En curso",
        "Inicial",
    )
    assert words["ARG"]["participant_kind"] == "Estado"
    assert (codes["ARG"]["mandate_13"], codes["BRA"]["mandate_13"]) == (
        "in_progress",
        "initial",
    )
    # The same layout: same rows in the same order, same columns.
    assert [list(row) for row in book["matrix"]] == [list(row) for row in book["codes"]]
    assert [r["participant_code"] for r in book["matrix"]] == [
        r["participant_code"] for r in book["codes"]
    ]
    described = {r["key"]: r.get("codes") for r in book["columns"] if r.get("key")}
    assert "in_progress = En curso" in described["mandate_13"]


def test_dashboard_matrix_csv_keeps_the_codes(client, levels):
    query = {"cycle": levels.pk, "participant_kind": "state", "section": "B"}
    response = client.get("/es/dashboards/matrix.csv", query)
    text = b"".join(response.streaming_content).decode()
    rows = by_participant(csv.DictReader(io.StringIO(text)))
    assert rows["ARG"]["mandate_13"] == "in_progress"


def test_indicator_report_matrix_xlsx_speaks_the_jobs_language(levels):
    params = ReportParams(
        cycle_ids=(levels.pk,), participant_codes=("ARG",), participant_group="chosen"
    )
    out = io.BytesIO()
    with translation.override("fr"):  # as the worker does for a job in French
        write_table(registry.table("matrix", params), "xlsx", out)
    book = sheets(out.getvalue())
    (words,), (codes,) = book["matrix"], book["codes"]
    assert (words["mandate_13"], codes["mandate_13"]) == ("En cours", "in_progress")
    assert (words["participant_kind"], codes["participant_kind"]) == ("État", "state")
    assert words["mandate_12"] is None and codes["mandate_12"] is None
