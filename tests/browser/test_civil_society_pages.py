"""The civil-society pages in Chromium, each checked with axe: the
application form, a member's workspace and observation forms, the
secretariat's moderation, a focal point's reply."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from accounts.models import Participant
from mandates.models import Mandate
from progress.models import ReportingCycle
from tests.browser.accessibility import assert_accessible
from tests.browser.signing_in import give_second_factor
from tests.civil_society import helpers
from tests.factories import MembershipFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("reference_data")]
PASSWORD = "correct horse battery"


def sign_in(page, email: str) -> None:
    page.goto("/en/account/sign-in/")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    give_second_factor(page, email)


def test_civil_society_pages_are_accessible(new_page):
    today = timezone.localdate()
    cycle = ReportingCycle.objects.create(
        name="2026",
        opens_on=today - timedelta(days=20),
        due_on=today + timedelta(days=25),
        closes_on=today + timedelta(days=60),
    )
    argentina = Participant.objects.get(code="ARG")
    secretariat = UserFactory(is_secretariat=True, email="secretariat@example.org")
    focal = MembershipFactory(participant=argentina, user__email="focal@example.org")
    organisation = helpers.approved(secretariat)
    member = helpers.member(organisation, email="member@example.org")
    submitted = helpers.submitted(
        member, argentina, Mandate.objects.get(number=2), cycle
    )
    published = helpers.published(
        member, secretariat, argentina, Mandate.objects.get(number=3), cycle
    )
    helpers.apply("Applying Now")

    visitor = new_page()
    visitor.goto("/en/civil-society/apply/")
    visitor.get_by_role("button", name="Send the application").click()
    expect(visitor.get_by_role("alert")).to_be_visible()
    assert_accessible(visitor)

    writer = new_page()
    sign_in(writer, member.email)
    expect(writer.get_by_role("heading", level=1)).to_have_text(organisation.name)
    assert_accessible(writer)
    writer.get_by_role("link", name="Write an observation").click()
    writer.get_by_label("Participant").select_option(label="Argentina")
    writer.get_by_label("Mandate").select_option(index=1)
    writer.get_by_label("Reporting cycle").select_option(label="2026")
    writer.get_by_label("Initial").check()
    writer.get_by_label("Observation (required)").fill("Seen in the gazette.")
    writer.get_by_role("button", name="Save draft").click()
    expect(writer.get_by_role("heading", name="Edit an observation")).to_be_visible()
    assert_accessible(writer)

    reviewer = new_page()
    sign_in(reviewer, secretariat.email)
    reviewer.goto("/en/civil-society/applications/")
    reviewer.get_by_role("link", name="Applying Now").click()
    assert_accessible(reviewer)
    reviewer.goto(f"/en/observations/{submitted.pk}/")
    expect(reviewer.get_by_role("heading", name="Moderate")).to_be_visible()
    assert_accessible(reviewer)

    replier = new_page()
    sign_in(replier, focal.user.email)
    replier.goto(f"/en/observations/{published.pk}/reply/")
    replier.get_by_label("Reply (required)").fill("We regulated it in May.")
    replier.get_by_role("button", name="Publish the reply").click()
    expect(replier.get_by_text("We regulated it in May.")).to_be_visible()
    assert_accessible(replier)
