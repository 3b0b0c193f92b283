"""A focal point invites a colleague; the colleague accepts by the emailed link.

Both walk the real pages in Chromium, each page checked with axe; the email
comes from the real worker.
"""

import re
import time
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from accounts.models import Participant
from progress.models import ReportingCycle
from tests.browser.accessibility import assert_accessible
from tests.factories import MembershipFactory

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("reference_data")]
PASSWORD = "correct horse battery"


@pytest.fixture
def focal():
    today = timezone.localdate()
    ReportingCycle.objects.create(
        name="2026",
        opens_on=today - timedelta(days=20),
        due_on=today + timedelta(days=25),
        closes_on=today + timedelta(days=60),
    )
    return MembershipFactory(
        participant=Participant.objects.get(code="ARG"),
        user__email="focal@example.org",
        user__full_name="Ana Focal",
    ).user


def emailed_link(seconds=20) -> str:
    deadline = time.monotonic() + seconds
    while not mail.outbox and time.monotonic() < deadline:
        time.sleep(0.1)
    assert mail.outbox, "the worker sent no email"
    return re.search(r"https?://\S+(/en/invitations/\S+/)", mail.outbox[0].body)[1]


def test_focal_point_invites_and_the_colleague_accepts(
    new_page, focal, live_worker, live_server, settings
):
    settings.PORTAL_URL = live_server.url
    page = new_page()
    page.goto("/en/account/sign-in/")
    page.get_by_label("Email address").fill("focal@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("link", name="My workspace").click()
    page.get_by_role("link", name="Contributors of Argentina").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Contributors of Argentina"
    )
    assert_accessible(page)
    page.get_by_label("Email address").fill("colleague@example.org")
    mandates = page.get_by_role("group", name="Mandates")
    mandates.get_by_role("checkbox").nth(0).check()
    mandates.get_by_role("checkbox").nth(1).check()
    page.get_by_role("button", name="Send the invitation").click()
    expect(
        page.get_by_text("Invitation sent to colleague@example.org.")
    ).to_be_visible()
    expect(page.get_by_role("cell", name="1, 2")).to_be_visible()
    assert_accessible(page)

    colleague = new_page()
    colleague.goto(emailed_link())
    expect(colleague.get_by_role("heading", level=1)).to_have_text(
        "Contribute to the reports of Argentina"
    )
    assert_accessible(colleague)
    colleague.get_by_label("Full name").fill("Carla Colleague")
    colleague.get_by_label("Password (required)", exact=True).fill(
        "a long pass phrase 7"
    )
    colleague.get_by_label("Password again").fill("a long pass phrase 7")
    colleague.get_by_label("I understand").check()
    colleague.get_by_role("button", name="Accept and make my account").click()
    expect(colleague.get_by_role("heading", name="Your mandates")).to_be_visible()
    expect(colleague.get_by_role("button", name="Start mandate 2")).to_be_visible()
    assert colleague.get_by_role("button", name="Start mandate 3").count() == 0
    assert_accessible(colleague)

    page.reload()
    expect(page.get_by_role("cell", name="Carla Colleague")).to_be_visible()
