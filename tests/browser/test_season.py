"""A reporting season, end to end, as issue 10's "Done when" walks it.

A focal point invites a colleague; the colleague joins by the emailed link and
drafts two mandates; the focal point downloads the cycle as a spreadsheet,
fills it (with openpyxl, as a person's spreadsheet program would save it),
uploads it, sees one error, corrects it, uploads again, saves and submits; the
daily tasks then remind the focal point and send the secretariat its digest.
Real Chromium, the real worker (its emails land in the locmem outbox), every
page checked with axe.
"""

import re
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.core import mail
from django.utils import timezone
from openpyxl import load_workbook
from playwright.sync_api import expect

from accounts.models import Participant
from progress.models import ProgressReport, ReportingCycle
from progress.tasks import send_reminders, send_review_digests
from spreadsheets.models import SpreadsheetImport
from tests.browser.accessibility import assert_accessible
from tests.factories import MembershipFactory, UserFactory
from tests.spreadsheets.sheets import fill

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("reference_data")]
PASSWORD = "correct horse battery"
LEVEL_ERROR = "“Almost done” is not one of the implementation levels of the list."


@pytest.fixture
def season():
    """An open cycle due in 25 days (past the 30-day reminder), Argentina's
    focal point, and a member of the secretariat who gets the digest."""
    today = timezone.localdate()
    cycle = ReportingCycle.objects.create(
        name="2026",
        opens_on=today - timedelta(days=20),
        due_on=today + timedelta(days=25),
        closes_on=today + timedelta(days=60),
    )
    focal = MembershipFactory(
        participant=Participant.objects.get(code="ARG"),
        user__email="focal@example.org",
        user__full_name="Ana Focal",
    ).user
    UserFactory(
        email="rita@example.org", full_name="Rita Reviewer", is_secretariat=True
    )
    return cycle, focal


def emails_to(address: str, *, subject: str = "", seconds: float = 20) -> list:
    """The outbox's emails to `address` (whose subject holds `subject`), waiting
    for the worker to send at least one."""
    deadline = time.monotonic() + seconds
    while True:
        found = [
            message
            for message in mail.outbox
            if address in message.to and subject in message.subject
        ]
        if found or time.monotonic() > deadline:
            break
        time.sleep(0.1)
    assert found, f"no email to {address} about {subject!r}"
    return found


def sign_in(page, email: str) -> None:
    page.goto("/en/account/sign-in/")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def invite(page) -> None:
    page.get_by_role("link", name="Contributors of Argentina").click()
    page.get_by_label("Email address").fill("carla@example.org")
    mandates = page.get_by_role("group", name="Mandates")
    for number in (40, 41):
        mandates.get_by_role("checkbox", name=f"Mandate {number}", exact=True).check()
    page.get_by_role("button", name="Send the invitation").click()
    expect(page.get_by_text("Invitation sent to carla@example.org.")).to_be_visible()
    assert_accessible(page)


def join(colleague) -> None:
    invitation = emails_to("carla@example.org")[0]
    colleague.goto(re.search(r"https?://\S+(/en/invitations/\S+/)", invitation.body)[1])
    colleague.get_by_label("Full name").fill("Carla Colleague")
    colleague.get_by_label("Password (required)", exact=True).fill(
        "a long pass phrase 7"
    )
    colleague.get_by_label("Password again").fill("a long pass phrase 7")
    colleague.get_by_label("I understand").check()
    colleague.get_by_role("button", name="Accept and make my account").click()
    expect(colleague.get_by_role("heading", name="Your mandates")).to_be_visible()


def draft(colleague, number: int, actions: str) -> None:
    colleague.get_by_role("button", name=f"Start mandate {number}").click()
    expect(colleague.get_by_text("Draft report created.")).to_be_visible()
    colleague.get_by_label("Initial", exact=True).check()
    colleague.get_by_label("Actions taken").fill(actions)
    colleague.get_by_role("button", name="Save draft").click()
    expect(colleague.get_by_text("Draft saved (version 2).")).to_be_visible()
    assert colleague.get_by_role("button", name=re.compile("submit")).count() == 0
    colleague.get_by_role("link", name="My workspace").click()


def download(page, folder: Path):
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the cycle as a spreadsheet").click()
    path = folder / download.value.suggested_filename
    download.value.save_as(path)
    return load_workbook(path), path


def upload(page, book, path: Path) -> None:
    book.save(path)
    page.get_by_label("Filled-in workbook").set_input_files(path)
    page.get_by_role("button", name="Upload and preview").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Check the changes")
    assert_accessible(page)


def test_a_reporting_season(
    new_page, season, live_worker, live_server, settings, tmp_path
):
    settings.PORTAL_URL = live_server.url
    cycle, focal = season

    # The focal point invites a colleague for mandates 40 and 41.
    page = new_page(accept_downloads=True)
    sign_in(page, "focal@example.org")
    expect(page.get_by_role("heading", level=1)).to_have_text("Reports of Argentina")
    invite(page)
    expect(page.get_by_role("cell", name="40, 41")).to_be_visible()

    # The colleague joins by the emailed link and drafts both mandates.
    colleague = new_page()
    join(colleague)
    assert colleague.get_by_role("button", name="Start mandate 42").count() == 0
    draft(colleague, 40, "A committee of five ministries was created.")
    draft(colleague, 41, "A bill was sent to Congress.")
    carla = focal.__class__.objects.get(email="carla@example.org")
    reports = {
        r.mandate.number: r
        for r in ProgressReport.objects.filter(cycle=cycle).select_related("mandate")
    }
    assert sorted(reports) == [40, 41]
    assert {r.updated_by for r in reports.values()} == {carla}

    # The focal point sees who wrote the drafts.
    page.goto(f"/en/reports/{reports[40].pk}/")
    expect(page.get_by_text("Version 2,")).to_contain_text("by Carla Colleague")
    assert_accessible(page)

    # The spreadsheet: both drafts in it; one level not on the list.
    page.goto(f"/en/workspace/ARG/cycles/{cycle.pk}/spreadsheet/upload/")
    book, path = download(page, tmp_path)
    fill(
        book,
        40,
        implementation_level="Advanced",
        actions_taken="A committee of five ministries was created (Decree 12/2026).",
        indicator__40_G2="Yes",
    )
    fill(book, 41, implementation_level="Almost done")
    upload(page, book, path)
    problems = page.get_by_role("table", name="Problems by row and column")
    expect(problems.get_by_role("row")).to_have_count(2)  # the header and one
    expect(problems).to_contain_text(LEVEL_ERROR)
    expect(problems).to_contain_text("Implementation level")
    expect(page.get_by_text("1 row cannot be saved")).to_be_visible()
    reports[41].refresh_from_db()
    assert reports[41].implementation_level == "initial", "nothing is written yet"

    # Corrected and uploaded again: no error; saved once confirmed.
    page.get_by_role("link", name="Upload another file").click()
    fill(book, 41, implementation_level="In progress")
    upload(page, book, path)
    expect(page.get_by_role("table", name="Problems by row and column")).to_have_count(
        0
    )
    expect(page.get_by_text("2 mandates would change")).to_be_visible()
    page.get_by_role("button", name="Save the changes to 2 mandates").click()
    expect(page.get_by_role("heading", name="Reports saved")).to_be_visible()
    assert_accessible(page)
    for report in reports.values():
        report.refresh_from_db()
    assert (reports[40].implementation_level, reports[40].version) == ("advanced", 3)
    assert reports[40].indicator_values == {"40.G2": True}
    assert reports[40].actions_taken.endswith("(Decree 12/2026).")
    assert (reports[41].implementation_level, reports[41].version) == (
        "in_progress",
        3,
    )
    assert {r.updated_by for r in reports.values()} == {focal}
    assert SpreadsheetImport.objects.get(applied_at__isnull=False).uploaded_by == focal

    # The focal point submits mandate 40; the history names both people.
    page.get_by_role("link", name=str(reports[40].mandate)).click()
    page.get_by_role("button", name="Submit to the secretariat").click()
    expect(page.get_by_text("Report submitted to the secretariat.")).to_be_visible()
    reports[40].refresh_from_db()
    assert reports[40].status == ProgressReport.Status.SUBMITTED
    versions = page.locator(".versions summary")
    expect(versions.filter(has_text="Version 3,")).to_contain_text("by Ana Focal")
    expect(versions.filter(has_text="Version 2,")).to_contain_text("by Carla Colleague")

    # The daily tasks, on the real worker: a reminder and a digest.
    send_reminders.delay()
    send_review_digests.delay()
    reminder = emails_to("focal@example.org", subject="Reminder")[0]
    assert reminder.subject.startswith("Reminder – Argentina: 56 reports of 2026")
    assert f"/en/reports/{reports[41].pk}/edit/" in reminder.body
    assert f"/reports/{reports[40].pk}/" not in reminder.body
    digest = emails_to("rita@example.org", subject="Review digest")[0]
    assert digest.subject == "Review digest: 1 report waiting for review"
    assert "Argentina, 2026: 1 report" in digest.body
    assert not [m for m in mail.outbox if "carla@example.org" in m.to][1:], (
        "the contributor got only the invitation"
    )
