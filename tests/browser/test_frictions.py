"""What people met on the way, walked again in a real browser.

Signing in lands on the page one works from and the header says who is
signed in; evidence is added without losing what was typed in the report,
and a refused upload says why beside its field, in view, the title kept.
Every page opened here is also checked for duplicate ids (see conftest).
"""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from accounts.models import Participant
from progress.models import ProgressReport, ReportingCycle
from tests.browser.accessibility import assert_accessible
from tests.browser.conftest import DUPLICATE_IDS
from tests.browser.signing_in import give_second_factor
from tests.factories import MembershipFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("reference_data")]
PASSWORD = "correct horse battery"


@pytest.fixture
def cycle():
    today = timezone.localdate()
    return ReportingCycle.objects.create(
        name="2026",
        opens_on=today - timedelta(days=20),
        due_on=today + timedelta(days=25),
        closes_on=today + timedelta(days=60),
    )


def sign_in(page, email: str) -> None:
    page.goto("/en/account/sign-in/")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    give_second_factor(page, email)


def test_duplicate_ids_are_reported(browser, live_server):
    """The check that every browser test runs at each page load."""
    context = browser.new_context(base_url=live_server.url)
    context.add_init_script(DUPLICATE_IDS)
    page = context.new_page()
    said = []
    page.on("console", lambda message: said.append(message.text))
    page.route(
        "**/twice/",
        lambda route: route.fulfill(
            content_type="text/html",
            body='<p id="a">1</p><label for="a">x</label><p id="a">2</p><p id="b"></p>',
        ),
    )
    page.goto("/twice/")
    page.wait_for_load_state("load")
    context.close()
    assert said == ["Duplicate id on /twice/: a"]


def test_reviewer_lands_on_the_review_queue(new_page, cycle):
    UserFactory(
        email="rita@example.org", full_name="Rita Reviewer", is_secretariat=True
    )
    page = new_page()
    sign_in(page, "rita@example.org")
    expect(page.get_by_role("heading", level=1)).to_have_text("Review queue")
    assert page.url.endswith("/en/review/")
    expect(page.get_by_text("Signed in as Rita Reviewer · Secretariat")).to_be_visible()


def test_evidence_keeps_what_was_typed_and_a_refusal_shows_beside_its_field(
    new_page, cycle
):
    MembershipFactory(
        participant=Participant.objects.get(code="ARG"),
        user__email="ana@example.org",
        user__full_name="Ana Focal",
    )
    page = new_page()
    sign_in(page, "ana@example.org")
    # Lands on the workspace, and the header says who is signed in.
    expect(page.get_by_role("heading", level=1)).to_have_text("Reports of Argentina")
    expect(page.get_by_text("Signed in as Ana Focal · Argentina")).to_be_visible()
    page.get_by_role("button", name="Start mandate 40").click()

    page.get_by_label("Actions taken").fill("Typed before adding evidence.")
    adding = page.get_by_role("group", name="Add evidence")
    adding.get_by_label("Title").fill("Official gazette")
    adding.get_by_label("Or a link").fill("https://example.org/gazette")
    page.get_by_role("button", name="Add evidence").click()
    expect(page.get_by_text("Evidence “Official gazette” added.")).to_be_visible()
    expect(page.get_by_label("Actions taken")).to_have_value(
        "Typed before adding evidence."
    )

    page.get_by_label("Results").fill("Typed before a refused upload.")
    adding.get_by_label("Title").fill("Law text")
    adding.get_by_label("File").set_input_files(
        files=[{"name": "law.pdf", "mimeType": "application/pdf", "buffer": b"<html>"}]
    )
    page.get_by_role("button", name="Add evidence").click()
    error = page.locator("#id_evidence_upload_errors")
    expect(error).to_contain_text("does not match its .pdf extension")
    expect(error).to_be_in_viewport()
    expect(adding.get_by_label("Title")).to_have_value("Law text")
    expect(page.get_by_label("Results")).to_have_value("Typed before a refused upload.")
    assert_accessible(page)

    report = ProgressReport.objects.get(participant__code="ARG", mandate__number=40)
    assert report.actions_taken == "Typed before adding evidence."
    assert report.results == "Typed before a refused upload."
    assert [e.title for e in report.evidence.all()] == ["Official gazette"]
