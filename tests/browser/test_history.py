"""A report's history in Chromium: each version labelled by its number and its
author, newest first, with no list numbering beside it to contradict the label
(an `<ol reversed>` once showed 10…6 beside "Version 5…1")."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.models import Participant
from mandates.models import Mandate
from progress import services
from progress.models import ReportingCycle
from tests.browser.accessibility import assert_accessible
from tests.browser.signing_in import give_second_factor
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.browser
PASSWORD = "correct horse battery"


@pytest.fixture
def reviewed_report(reference_data):
    """Started by Ana, completed by Bruno, returned, corrected by Ana,
    resubmitted by Bruno, validated and published by Reviewer Two."""
    participant = Participant.objects.get(code="ARG")
    ana, bruno = (
        MembershipFactory(
            participant=participant, user__full_name=name, user__password=None
        ).user
        for name in ("Ana Focal", "Bruno Focal")
    )
    one = UserFactory(is_secretariat=True, full_name="Reviewer One", password=None)
    two = UserFactory(is_secretariat=True, full_name="Reviewer Two")  # signs in
    today = timezone.localdate()
    cycle = ReportingCycle.objects.create(
        name="Open cycle",
        opens_on=today - timedelta(days=30),
        due_on=today + timedelta(days=10),
        closes_on=today + timedelta(days=40),
    )
    mandate = Mandate.objects.get(number=2)
    mandate.indicators.update(is_active=False)  # nothing to answer to submit
    report, _created = services.report_start(
        user=ana, participant=participant, mandate=mandate, cycle=cycle
    )
    content = {"implementation_level": "advanced", "actions_taken": "Adopted a law."}
    report = services.report_update(
        user=bruno, report=report, version=1, content=content, indicators={}
    )
    report = services.report_submit(user=ana, report=report, version=2)
    report = services.report_return(user=one, report=report, comment="More detail.")
    content["results"] = "Fewer complaints."
    report = services.report_update(
        user=ana, report=report, version=2, content=content, indicators={}
    )
    report = services.report_submit(user=bruno, report=report, version=3)
    services.report_validate(user=two, report=report, publish=True)
    return report, two


@pytest.mark.django_db(transaction=True)
def test_versions_are_labelled_by_number_and_author_without_list_numbers(
    page, live_server, reviewed_report
):
    report, reviewer = reviewed_report
    page.goto(f"{live_server.url}/en/account/sign-in/")
    page.get_by_label("Email address").fill(reviewer.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    give_second_factor(page, reviewer.email)
    page.wait_for_url(f"{live_server.url}/en/review/")
    page.goto(f"{live_server.url}/en/review/{report.pk}/")

    summaries = page.locator(".versions summary").all_inner_texts()
    shown = [
        re.match(r"Version (\d+), .+, by (.+?)(?: — \d+ changes?)?$", text).groups()
        for text in summaries
    ]
    assert shown == [("3", "Ana Focal"), ("2", "Bruno Focal"), ("1", "Ana Focal")]
    markers = page.locator(".versions > li").evaluate_all(
        "items => items.map(item => getComputedStyle(item).listStyleType)"
    )
    assert markers == ["none", "none", "none"]
    page.locator(".versions summary").last.click()
    assert page.get_by_text("First version.").is_visible()
    assert_accessible(page)
