"""Reminders to focal points: who is due one, at which threshold, what it lists."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone, translation
from django.utils.formats import date_format

from accounts.models import Membership, Participant
from mandates.models import Mandate
from progress.models import Reminder
from progress.reminders import selectors, services
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

EVERY_STATUS = {
    1: "draft",
    2: "returned",
    3: "submitted",
    4: "validated",
    5: "published",
}


@pytest.fixture(autouse=True)
def _default_days(settings):
    settings.REMINDER_DAYS_BEFORE_DUE = [30, 7, 1]
    settings.REMINDER_OVERDUE_EVERY_DAYS = 0
    settings.PORTAL_URL = "https://portal.example.org"


@pytest.fixture
def colleague(participant):
    """A second focal point of the participant, who reads Spanish."""
    return MembershipFactory(
        participant=participant, user__preferred_language="es"
    ).user


def recorded():
    return set(
        Reminder.objects.values_list("user_id", "participant__code", "days_before_due")
    )


def test_focal_points_with_reports_to_submit_are_recorded_at_the_threshold(
    focal, colleague, observer, outsider, participant, other_participant,
    cycle_due_in, all_submitted, django_capture_on_commit_callbacks,
):  # fmt: skip
    cycle = cycle_due_in(7)
    all_submitted(other_participant, cycle)  # the outsider's: nothing missing
    MembershipFactory(participant=participant, user__is_active=False)
    MembershipFactory(participant=participant, user__reminders_enabled=False)
    with django_capture_on_commit_callbacks() as queued:
        assert services.reminders_queue() == 2
    assert recorded() == {(focal.pk, "ARG", 7), (colleague.pk, "ARG", 7)}
    assert len(queued) == 2  # one email task each, once committed
    assert set(Reminder.objects.values_list("missing_count", flat=True)) == {57}


def test_running_again_records_and_queues_nothing(
    focal, cycle_due_in, django_capture_on_commit_callbacks
):
    cycle_due_in(1)
    assert services.reminders_queue() == 1
    with django_capture_on_commit_callbacks() as queued:
        assert services.reminders_queue() == 0
    assert queued == []
    assert Reminder.objects.count() == 1


def test_a_season_of_daily_runs_sends_each_threshold_once(focal, cycle_due_in):
    cycle = cycle_due_in(0, closes_after=20)
    day = cycle.opens_on - timedelta(days=3)
    while day <= cycle.closes_on + timedelta(days=3):
        services.reminders_queue(day=day)
        day += timedelta(days=1)
    assert sorted(
        Reminder.objects.values_list("days_before_due", flat=True), reverse=True
    ) == [30, 7, 1, -1]


def test_after_missed_runs_only_the_latest_threshold_is_sent(
    focal, cycle_due_in, settings
):
    cycle = cycle_due_in(60, closes_after=30)
    settings.REMINDER_OVERDUE_EVERY_DAYS = 7
    # The beat stopped for weeks: 5 days before the due date, then 16 days after.
    for days_left in (5, 5, -16, -17):
        services.reminders_queue(day=cycle.due_on - timedelta(days=days_left))
    assert sorted(Reminder.objects.values_list("days_before_due", flat=True)) == [
        -15,
        7,
    ]


def test_a_cycle_without_missing_reports_and_a_closed_cycle_send_nothing(
    focal, participant, cycle_due_in, all_submitted, closed_cycle
):
    cycle = cycle_due_in(7)
    all_submitted(participant, cycle)
    assert services.reminders_queue() == 0
    assert Reminder.objects.count() == 0


def test_missing_reports_are_not_started_drafts_and_returned(
    participant, other_participant, cycle_due_in, file_reports
):
    cycle = cycle_due_in(7)
    file_reports(participant, cycle, EVERY_STATUS)
    missing = selectors.missing_reports(
        cycle=cycle, participant_ids=[participant.pk, other_participant.pk]
    )
    states = {item.mandate.number: item.state for item in missing[participant.pk]}
    assert {n: states[n] for n in (1, 2, 6, 57)} == {
        1: "draft",
        2: "returned",
        6: "not_started",
        57: "not_started",
    }
    assert not {3, 4, 5} & set(states)
    assert len(missing[other_participant.pk]) == 57


def test_missing_reports_take_two_queries_however_many_participants(
    cycle_due_in, all_submitted, django_assert_num_queries
):
    cycle = cycle_due_in(7)
    participants = list(Participant.objects.order_by("code"))
    all_submitted(participants[0], cycle)
    # 1. the mandates; 2. the cycle's reports of these participants.
    with django_assert_num_queries(2):
        selectors.missing_reports(cycle=cycle, participant_ids=[participants[0].pk])
    with django_assert_num_queries(2):
        missing = selectors.missing_reports(
            cycle=cycle, participant_ids=[p.pk for p in participants]
        )
    assert len(missing) == 48
    assert missing[participants[0].pk] == []


def send_recorded_reminder(user, cycle, days_before_due=7) -> Reminder:
    services.reminders_queue(day=cycle.due_on - timedelta(days=days_before_due))
    reminder = Reminder.objects.get(user=user)
    assert services.reminder_send(reminder_id=reminder.pk) is True
    reminder.refresh_from_db()
    return reminder


def listed_items(body: str) -> list[str]:
    return re.findall(r"^- (.+)$", body, flags=re.MULTILINE)


def test_the_reminder_lists_exactly_what_is_missing_in_the_recipients_language(
    colleague, participant, cycle_due_in, file_reports
):
    cycle = cycle_due_in(7)
    reports = file_reports(participant, cycle, EVERY_STATUS)
    reminder = send_recorded_reminder(colleague, cycle)
    [message] = mail.outbox
    assert message.to == [colleague.email]
    assert reminder.sent_at is not None and reminder.missing_count == 54
    with translation.override("es"):
        expected = [str(m) for m in Mandate.objects.exclude(number__in=[3, 4, 5])]
        participant_name = Participant.objects.get(pk=participant.pk).name
    assert "Recordatorio" in message.subject and participant_name in message.subject
    assert "54" in message.subject
    assert sorted(listed_items(message.body)) == sorted(expected)
    base = "https://portal.example.org/es"
    for number in (1, 2):
        assert f"{base}/reports/{reports[number].pk}/edit/" in message.body
    for number in (3, 4, 5):
        assert f"/reports/{reports[number].pk}/" not in message.body
    workspace = f"{base}/workspace/ARG/?cycle={cycle.pk}"
    # Mandates not started have no report yet: they are started there.
    assert message.body.count(workspace) == 2
    assert f"{base}/account/notifications/" in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html" and '<html lang="es">' in html
    assert html.count("<li>") == 54
    assert f'href="{base}/reports/{reports[2].pk}/edit/"' in html


def test_the_reminder_counts_the_days_left(focal, cycle_due_in):
    cycle = cycle_due_in(7)
    send_recorded_reminder(focal, cycle)
    [message] = mail.outbox
    assert "57 reports of Cycle 2025 to submit by" in message.subject
    assert "in 7 days" in message.body
    assert "57 reports are not submitted yet" in message.body


def test_an_overdue_reminder_says_so(focal, colleague, cycle_due_in):
    cycle = cycle_due_in(-1)
    send_recorded_reminder(focal, cycle, days_before_due=-1)
    [message] = mail.outbox
    assert "are overdue" in message.subject
    closes = date_format(cycle.closes_on)
    assert f"until the cycle closes, on {closes}" in message.body
    assert Reminder.objects.get(user=focal).threshold_label == (
        "1 day after the due date"
    )


def test_sending_twice_sends_once(focal, cycle_due_in):
    cycle = cycle_due_in(7)
    reminder = send_recorded_reminder(focal, cycle)
    assert services.reminder_send(reminder_id=reminder.pk) is False
    assert len(mail.outbox) == 1


def test_nothing_sent_nor_kept_when_all_was_submitted_before_the_email(
    focal, participant, cycle_due_in, all_submitted
):
    cycle = cycle_due_in(7)
    services.reminders_queue()
    reminder = Reminder.objects.get()
    all_submitted(participant, cycle)
    assert services.reminder_send(reminder_id=reminder.pk) is False
    assert mail.outbox == []
    assert not Reminder.objects.exists()


@pytest.mark.parametrize("change", ["opted out", "no longer focal point"])
def test_nothing_sent_to_whoever_stopped_wanting_it(focal, cycle_due_in, change):
    cycle_due_in(7)
    services.reminders_queue()
    reminder = Reminder.objects.get()
    if change == "opted out":
        focal.reminders_enabled = False
        focal.save()
    else:
        Membership.objects.filter(user=focal).update(role=Membership.Role.OBSERVER)
    assert services.reminder_send(reminder_id=reminder.pk) is False
    assert mail.outbox == []


def test_a_focal_point_of_two_participants_gets_one_reminder_for_each(
    focal, other_participant, cycle_due_in
):
    MembershipFactory(user=focal, participant=other_participant)
    cycle_due_in(7)
    assert services.reminders_queue() == 2
    assert recorded() == {(focal.pk, "ARG", 7), (focal.pk, "BRA", 7)}


def test_two_cycles_open_at_once_each_remind(focal, cycle_due_in):
    cycle_due_in(7, name="Cycle 2025")
    cycle_due_in(30, name="Special cycle")
    assert services.reminders_queue() == 2
    assert set(Reminder.objects.values_list("cycle__name", "days_before_due")) == {
        ("Cycle 2025", 7),
        ("Special cycle", 30),
    }


def test_reminders_of_a_deleted_user_go_with_them(focal, cycle_due_in):
    cycle_due_in(7)
    services.reminders_queue()
    UserFactory()  # someone else stays
    focal.delete()
    assert not Reminder.objects.exists()
    assert timezone.now()
