"""A focal point turns email reminders off; the secretariat reads what was sent.

Both walk from the navigation as a person would; each page is checked with axe.
"""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from accounts.models import Participant, User
from progress.models import Reminder, ReportingCycle
from tests.browser.accessibility import assert_accessible
from tests.browser.signing_in import give_second_factor
from tests.factories import MembershipFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("reference_data")]
PASSWORD = "correct horse battery"


def sign_in(page, email: str) -> None:
    page.goto("/en/account/sign-in/")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    give_second_factor(page, email)


def test_a_focal_point_turns_reminders_off(page):
    MembershipFactory(
        participant=Participant.objects.get(code="ARG"), user__email="ana@example.org"
    )
    sign_in(page, "ana@example.org")
    page.get_by_role("link", name="Email reminders").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Email reminders")
    assert_accessible(page)
    checkbox = page.get_by_label("Send me email reminders")
    expect(checkbox).to_be_checked()
    checkbox.press("Space")  # with the keyboard
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("status")).to_contain_text("Email reminders are off.")
    expect(page.get_by_label("Send me email reminders")).not_to_be_checked()
    assert User.objects.get(email="ana@example.org").reminders_enabled is False


def test_the_secretariat_reads_the_reminders_sent(page):
    today = timezone.localdate()
    cycle = ReportingCycle.objects.create(
        name="2026",
        opens_on=today - timedelta(days=20),
        due_on=today + timedelta(days=7),
        closes_on=today + timedelta(days=60),
    )
    argentina = Participant.objects.get(code="ARG")
    focal = MembershipFactory(participant=argentina, user__full_name="Ana Focal").user
    Reminder.objects.create(
        cycle=cycle,
        participant=argentina,
        user=focal,
        days_before_due=7,
        missing_count=41,
        sent_at=timezone.now(),
    )
    UserFactory(email="rita@example.org", is_secretariat=True)
    sign_in(page, "rita@example.org")
    page.goto("/en/review/")
    page.get_by_role("link", name="Reminders and digests sent").click()
    row = page.get_by_role("row", name="Ana Focal")
    expect(row).to_contain_text("Argentina")
    expect(row).to_contain_text("7 days before the due date")
    expect(row).to_contain_text("41")
    assert_accessible(page)
