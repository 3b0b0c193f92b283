"""The secretariat's CSV files carry no formula that a spreadsheet would run."""

import csv
import io

import pytest

from indicator_reports import services
from indicator_reports.params import ReportParams
from progress.models import ProgressReport

pytestmark = pytest.mark.django_db


def run(secretariat, kind: str) -> list[dict]:
    job = services.report_job_request(
        user=secretariat, kind=kind, fmt="csv", params=ReportParams(), language="en"
    )
    services.report_job_run(job_id=job.pk)
    job.refresh_from_db()
    with job.file.open("rb") as handle:
        return list(csv.DictReader(io.StringIO(handle.read().decode())))


@pytest.fixture
def hostile_report(participant, mandate, cycle):
    return ProgressReport.objects.create(
        participant=participant,
        mandate=mandate,
        cycle=cycle,
        status=ProgressReport.Status.SUBMITTED,
        assistance_type="training",
        assistance_description="=cmd|' /C calc'!A0",
        indicator_values={"T.2": 12, "T.5": '=HYPERLINK("http://evil.example","x")'},
    )


def test_needs_csv_neutralises_formulas(secretariat, media, hostile_report):
    [row] = run(secretariat, "needs")
    assert row["assistance_description"] == "'=cmd|' /C calc'!A0"


def test_values_csv_neutralises_formulas(secretariat, media, hostile_report):
    [row] = [
        r
        for r in run(secretariat, "values")
        if r["report_id"] == str(hostile_report.pk)
    ]
    assert row["T.5"] == '\'=HYPERLINK("http://evil.example","x")'
    assert row["T.2"] == "12"
