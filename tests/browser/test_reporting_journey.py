"""The whole reporting journey, as the people who do it would walk it.

A focal point signs in, fills and submits a report; the secretariat returns it
with a comment; the focal point corrects and resubmits; the secretariat
validates and publishes; an anonymous visitor finds it on the mandate page.
Every page on the way is checked with axe.
"""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from accounts.models import Participant
from progress.models import ProgressReport, ReportingCycle
from tests.browser.accessibility import assert_accessible
from tests.browser.signing_in import give_second_factor
from tests.factories import MembershipFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("reference_data")]
PASSWORD = "correct horse battery"


@pytest.fixture
def people():
    today = timezone.localdate()
    ReportingCycle.objects.create(
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
    reviewer = UserFactory(
        email="reviewer@example.org", full_name="Rita Reviewer", is_secretariat=True
    )
    return focal, reviewer


def sign_in(page, email: str) -> None:
    page.goto("/en/")
    page.get_by_role("link", name="Sign in").click()
    assert_accessible(page)
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    give_second_factor(page, email)


def sign_out(page) -> None:
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("link", name="Sign in")).to_be_visible()


def fill_report(page, actions: str) -> None:
    page.get_by_label("Advanced", exact=True).check()
    page.get_by_label("Actions taken").fill(actions)
    # Mandate 40's indicator for states: is the budget identified? (yes/no)
    indicators = page.get_by_role("group", name="Indicators")
    indicators.get_by_label("Yes", exact=True).first.check()


def test_report_goes_from_focal_point_to_the_public(new_page, people):
    page = new_page()
    sign_in(page, "focal@example.org")
    page.get_by_role("link", name="My workspace").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Reports of Argentina")
    assert_accessible(page)

    page.get_by_role("button", name="Start mandate 40").click()
    expect(page.get_by_text("Draft report created.")).to_be_visible()
    assert_accessible(page)
    fill_report(page, "Created an inter-agency committee.")
    page.get_by_role("button", name="Save and submit to the secretariat").click()
    expect(page.get_by_text("Report submitted to the secretariat.")).to_be_visible()
    assert_accessible(page)
    sign_out(page)

    sign_in(page, "reviewer@example.org")
    page.get_by_role("link", name="Review queue").click()
    assert_accessible(page)
    page.get_by_role("link", name="Mandate 40").click()
    assert_accessible(page)
    page.get_by_label("Comment for the focal point").fill(
        "Name the committee's members and attach its founding decree."
    )
    page.get_by_role("button", name="Return with comment").click()
    expect(page.get_by_text("Report returned to the focal point")).to_be_visible()
    sign_out(page)

    sign_in(page, "focal@example.org")
    page.get_by_role("link", name="My workspace").click()
    expect(page.get_by_text("attach its founding decree")).to_be_visible()
    page.get_by_role("link", name="Mandate 40").first.click()
    expect(page.get_by_text("The secretariat returned this report")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Actions taken").fill(
        "Created an inter-agency committee of five ministries (Decree 12/2026)."
    )
    page.get_by_role("button", name="Save and submit to the secretariat").click()
    expect(page.get_by_text("Report submitted to the secretariat.")).to_be_visible()
    sign_out(page)

    sign_in(page, "reviewer@example.org")
    page.get_by_role("link", name="Review queue").click()
    page.get_by_role("link", name="Mandate 40").click()
    changes = page.get_by_role("region", name="What changed")
    expect(changes.get_by_text("Decree 12/2026")).to_be_visible()
    page.get_by_role("button", name="Validate").click()
    expect(page.get_by_text("Report validated and published.")).to_be_visible()
    sign_out(page)

    visitor = new_page()
    visitor.goto("/en/mandates/40/")
    progress = visitor.get_by_role("table", name="Progress of each participant")
    expect(progress.get_by_role("link", name="Argentina")).to_be_visible()
    expect(progress.get_by_text("Advanced")).to_be_visible()
    assert_accessible(visitor)
    progress.get_by_role("link", name="Argentina").click()
    expect(visitor.get_by_text("Decree 12/2026")).to_be_visible()
    assert_accessible(visitor)
    report = ProgressReport.objects.get(participant__code="ARG", mandate__number=40)
    assert report.status == ProgressReport.Status.PUBLISHED
    assert report.transitions.count() == 5
