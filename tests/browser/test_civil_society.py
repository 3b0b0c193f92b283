"""An organisation applies, the secretariat approves it, a member writes and
submits an observation, the secretariat publishes it, the focal point replies,
and an anonymous visitor sees the report, the observation and the reply side
by side. Real pages in Chromium, each new page checked with axe; the emails
come from the real worker."""

import re
import time
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from accounts.models import Participant
from mandates.models import Mandate
from progress.models import ProgressReport, ReportingCycle
from tests.browser.accessibility import assert_accessible
from tests.browser.signing_in import give_second_factor
from tests.factories import MembershipFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("reference_data")]
PASSWORD = "correct horse battery"
MEMBER_PASSWORD = "a long enough password for Ana"


@pytest.fixture
def world():
    """An open cycle, ARG's published report on mandate 40 (advanced), its
    focal point and a secretariat reviewer."""
    today = timezone.localdate()
    cycle = ReportingCycle.objects.create(
        name="2026",
        opens_on=today - timedelta(days=20),
        due_on=today + timedelta(days=25),
        closes_on=today + timedelta(days=60),
    )
    argentina = Participant.objects.get(code="ARG")
    report = ProgressReport.objects.create(
        participant=argentina,
        mandate=Mandate.objects.get(number=40),
        cycle=cycle,
        status="published",
        published_at=timezone.now(),
        implementation_level="advanced",
        actions_taken="The procurement law was adopted.",
    )
    MembershipFactory(
        participant=argentina,
        user__email="focal@example.org",
        user__full_name="Ana Focal",
    )
    UserFactory(
        email="reviewer@example.org", full_name="Rita Reviewer", is_secretariat=True
    )
    return report


def field(label: str) -> re.Pattern:
    """A field's label as the page writes it, "(required)" or not."""
    return re.compile(rf"^{re.escape(label)}( \(required\))?$")


def sign_in(page, email: str, password: str = PASSWORD) -> None:
    page.goto("/en/account/sign-in/")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    give_second_factor(page, email)


def emailed_link(pattern: str, seconds: float = 30) -> str:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        for message in mail.outbox:
            found = re.search(r"https?://\S+?(" + pattern + r")", message.body)
            if found:
                return found[1]
        time.sleep(0.1)
    raise AssertionError(f"the worker sent no email with {pattern}")


def test_observation_from_application_to_the_public_report_page(
    new_page, world, live_worker, live_server, settings
):
    settings.PORTAL_URL = live_server.url
    report = world

    # An organisation applies, without an account.
    visitor = new_page()
    visitor.goto("/en/civil-society/apply/")
    assert_accessible(visitor)
    visitor.get_by_label("Name of the organisation").fill("Poder Ciudadano")
    visitor.get_by_label("Country or entity it works on").select_option(
        label="Argentina"
    )
    visitor.get_by_label(field("Website")).fill("https://poderciudadano.example.org")
    visitor.get_by_label(field("Contact person")).fill("Ana Member")
    visitor.get_by_label("Contact person's email address").fill(
        "ana@poderciudadano.example.org"
    )
    visitor.get_by_label("Short description").fill("Follows public procurement.")
    visitor.get_by_label("We agree to the code of conduct above.").check()
    visitor.get_by_role("button", name="Send the application").click()
    expect(visitor.locator(".messages, [role=status]").first).to_be_visible()

    # The secretariat approves it; the contact person is invited.
    reviewer = new_page()
    sign_in(reviewer, "reviewer@example.org")
    reviewer.goto("/en/civil-society/applications/")
    assert_accessible(reviewer)
    reviewer.get_by_role("link", name="Poder Ciudadano").click()
    assert_accessible(reviewer)
    reviewer.get_by_role("button", name="Approve and invite the contact person").click()

    # The contact person makes an account through the emailed link.
    member = new_page()
    member.goto(emailed_link(r"/en/civil-society/invitations/\d+/\S+?/"))
    assert_accessible(member)
    member.get_by_label("Full name").fill("Ana Member")
    member.get_by_label(field("Password")).fill(MEMBER_PASSWORD)
    member.get_by_label("Password again").fill(MEMBER_PASSWORD)
    member.get_by_role("checkbox").check()
    member.get_by_role("button", name="Accept and make my account").click()
    expect(member).to_have_url(re.compile(r"/en/civil-society/workspace/$"))
    assert_accessible(member)

    # The member writes an observation, then submits it.
    member.get_by_role("link", name="Write an observation").click()
    assert_accessible(member)
    member.get_by_label("Participant").select_option(label="Argentina")
    member.get_by_label("Mandate").select_option(value=str(report.mandate_id))
    member.get_by_label("Reporting cycle").select_option(label="2026")
    member.get_by_label("Initial").check()
    member.get_by_label("Observation").fill(
        "The law exists, but the procurement agency has no budget (budget act 2026)."
    )
    member.get_by_label("Language it is written in").select_option(value="en")
    member.get_by_role("button", name="Save draft").click()
    assert_accessible(member)
    member.get_by_role("button", name="Save and submit to the secretariat").click()
    expect(member.get_by_text("Submitted", exact=False).first).to_be_visible()

    # The secretariat publishes it; the focal points are emailed.
    reviewer.goto("/en/observations/moderation/")
    assert_accessible(reviewer)
    reviewer.get_by_role("link", name="Poder Ciudadano").click()
    assert_accessible(reviewer)
    reviewer.get_by_role("button", name="Publish").click()

    # The focal point replies, from the emailed link.
    focal = new_page()
    sign_in(focal, "focal@example.org")
    focal.goto(emailed_link(r"/en/observations/\d+/reply/"))
    assert_accessible(focal)
    focal.get_by_label(field("Reply")).fill(
        "The budget was approved in March; the agency hires in May."
    )
    focal.get_by_role("button", name="Publish the reply").click()

    # Anyone sees the report, the observation and the reply side by side.
    anyone = new_page()
    anyone.goto(f"/en/reports/{report.pk}/")
    expect(anyone.get_by_role("heading", level=1)).to_contain_text(
        "Report on mandate 40 — Argentina"
    )
    expect(anyone.get_by_text("The procurement law was adopted.")).to_be_visible()
    observation = anyone.locator("article.observation")
    expect(observation.get_by_role("heading")).to_have_text(
        "Observation by Poder Ciudadano"
    )
    expect(observation.get_by_text("independent civil-society view")).to_be_visible()
    expect(
        observation.get_by_text("the procurement agency has no budget")
    ).to_be_visible()
    expect(observation.locator(".different-views")).to_have_text("Different views")
    expect(observation.get_by_text("Reply by Argentina")).to_be_visible()
    expect(observation.get_by_text("Ana Focal, its focal point")).to_be_visible()
    expect(observation.get_by_text("The budget was approved in March")).to_be_visible()
    assert_accessible(anyone)
    for address in (f"/en/mandates/{report.mandate.number}/", "/en/participants/ARG/"):
        anyone.goto(address)
        expect(anyone.get_by_text("Observation by Poder Ciudadano")).to_be_visible()
        expect(anyone.get_by_text("The budget was approved in March")).to_be_visible()
        assert_accessible(anyone)
    anyone.goto("/en/dashboards/")
    expect(
        anyone.get_by_role("heading", name="Civil-society observations by section")
    ).to_be_visible()
    assert_accessible(anyone)
