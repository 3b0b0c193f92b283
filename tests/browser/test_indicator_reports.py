"""The secretariat's indicator reports in Chromium.

The secretariat asks for an XLSX indicator report, watches its progress bar
reach the end while a real Celery worker produces it, and downloads a file that
openpyxl opens.
"""

import io

import openpyxl
import pytest
from playwright.sync_api import expect

from accounts.models import Participant
from progress.models import ProgressReport
from tests.browser.accessibility import assert_accessible
from tests.browser.signing_in import give_second_factor
from tests.factories import UserFactory

pytestmark = pytest.mark.browser
PASSWORD = "correct horse battery"


@pytest.fixture
def tab(new_page):
    return new_page(accept_downloads=True, locale="en")


def sign_in(page, base_url: str, user) -> None:
    page.goto(f"{base_url}/en/account/sign-in/")
    page.get_by_label("Email address").fill(user.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    give_second_factor(page, user.email)
    page.wait_for_url(f"{base_url}/en/review/")


@pytest.mark.django_db(transaction=True)
def test_secretariat_asks_for_an_xlsx_indicator_report_and_downloads_it(
    tab, live_server, live_worker, progress_data, media
):
    secretariat = UserFactory(is_secretariat=True, full_name="Reviewer One")
    sign_in(tab, live_server.url, secretariat)
    tab.get_by_role("link", name="Indicator reports").click()
    tab.get_by_label("Matrix of participants by mandates").check()
    tab.get_by_label("Excel workbook (XLSX)").check()
    tab.get_by_label("2029").check()
    tab.get_by_role("button", name="Produce the report").click()

    tab.wait_for_url("**/indicator-reports/*/")
    bar = tab.locator("#job-bar")
    expect(bar).to_have_js_property("value", 100, timeout=60_000)
    assert bar.get_attribute("max") == "100"
    link = tab.get_by_role("link", name="Download the report (XLSX)")
    link.wait_for(state="visible")
    assert "Ready" in tab.locator("#job-state").inner_text()
    assert_accessible(tab)
    with tab.expect_download() as download:
        link.click()
    with open(download.value.path(), "rb") as handle:
        workbook = openpyxl.load_workbook(io.BytesIO(handle.read()))
    # The codes, for machines, are on their own sheet (the data sheet: words).
    rows = list(workbook["codes"].iter_rows(values_only=True))
    header = rows[0]
    assert header[:4] == (
        "cycle",
        "participant_code",
        "participant_name",
        "participant_kind",
    )
    by_code = {row[1]: dict(zip(header, row, strict=True)) for row in rows[1:]}
    assert len(by_code) == Participant.objects.count()
    for report in ProgressReport.objects.filter(status="published"):
        cell = by_code[report.participant.code][f"mandate_{report.mandate.number}"]
        assert cell == report.implementation_level
    assert by_code["JAM"]["mandate_1"] is None  # a draft: not in the default statuses

    tab.get_by_role("link", name="Back to the indicator reports").click()
    jobs = tab.locator("table").last.inner_text()
    assert "Matrix of participants by mandates" in jobs and "Reviewer One" in jobs
    assert_accessible(tab)
