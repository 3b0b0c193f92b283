"""Reminders and digests through Celery: the daily tasks run on a real worker,
and two beats at once still send one email per threshold."""

import threading
import time

import pytest
from django.core import mail
from django.db import connections, transaction

from progress.models import Reminder, ReviewDigest
from progress.reminders import services
from progress.tasks import send_reminders, send_review_digests
from tests.factories import MembershipFactory, UserFactory


def wait_until(condition, *, seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "the worker did not finish in time"
        time.sleep(0.1)


def all_sent(model) -> bool:
    return not model.objects.filter(sent_at__isnull=True).exists()


@pytest.fixture
def two_focal_points(participant):
    return [
        MembershipFactory(participant=participant).user,
        MembershipFactory(participant=participant, user__preferred_language="pt").user,
    ]


def test_the_daily_task_emails_each_focal_point_once(
    live_worker, reference_data, two_focal_points, participant, cycle_due_in,
    file_reports,
):  # fmt: skip
    english, portuguese = two_focal_points
    cycle = cycle_due_in(7)
    reports = file_reports(participant, cycle, {1: "returned", 2: "submitted"})
    # The worker takes tasks in order: both runs of the daily task, then the
    # emails that the first one queued.
    send_reminders.delay()
    send_reminders.delay()
    wait_until(lambda: len(mail.outbox) >= 2 and all_sent(Reminder))
    time.sleep(1)  # a duplicate, if the code queued one, would follow at once
    assert Reminder.objects.count() == 2
    by_address = {message.to[0]: message for message in mail.outbox}
    assert len(mail.outbox) == 2 and set(by_address) == {
        english.email,
        portuguese.email,
    }
    assert "56 reports of Cycle 2025" in by_address[english.email].subject
    assert "Lembrete" in by_address[portuguese.email].subject
    assert f"/pt/reports/{reports[1].pk}/edit/" in by_address[portuguese.email].body
    assert f"/reports/{reports[2].pk}/" not in by_address[english.email].body


def test_two_beats_at_once_send_one_email_per_focal_point(
    live_worker, reference_data, two_focal_points, other_participant, cycle_due_in
):
    MembershipFactory(participant=other_participant)
    cycle_due_in(1)
    start = threading.Barrier(2)
    queued = []

    def beat():
        start.wait()
        try:
            queued.append(services.reminders_queue())
        finally:
            connections.close_all()

    beats = [threading.Thread(target=beat) for _ in range(2)]
    for thread in beats:
        thread.start()
    for thread in beats:
        thread.join(timeout=30)
    assert sum(queued) == 3
    wait_until(lambda: all_sent(Reminder) and len(mail.outbox) >= 3)
    time.sleep(1)  # a duplicate, if the code queued one, would follow at once
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        Reminder.objects.values_list("user__email", flat=True)
    )
    assert Reminder.objects.count() == 3


def test_a_second_beat_waits_for_the_first_and_records_nothing(
    transactional_db, reference_data, focal, participant, cycle_due_in
):
    """The race itself: the first beat has inserted its row and not committed;
    the second's insert waits on it, then gives way."""
    cycle = cycle_due_in(7)
    fields = {
        "cycle": cycle,
        "participant_id": participant.pk,
        "user_id": focal.pk,
        "days_before_due": 7,
        "missing_count": 57,
    }
    inserted, commit = threading.Event(), threading.Event()
    outcome = {}

    def first():
        try:
            with transaction.atomic():
                outcome["first"] = services.reminder_record(**fields)
                inserted.set()
                commit.wait(10)
        finally:
            connections.close_all()

    def second():
        inserted.wait(10)
        try:
            outcome["second"] = services.reminder_record(**fields)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    time.sleep(0.5)
    assert threads[1].is_alive(), "the second insert must wait for the first"
    commit.set()
    for thread in threads:
        thread.join(timeout=10)
    assert outcome["first"] is not None and outcome["second"] is None
    assert Reminder.objects.count() == 1


def test_the_digest_goes_out_only_when_reports_wait(
    live_worker, reference_data, secretariat, participant, cycle_due_in, file_reports
):
    UserFactory(is_secretariat=True, reminders_enabled=False)
    cycle = cycle_due_in(7)
    file_reports(participant, cycle, {1: "draft", 2: "returned"})
    assert send_review_digests.apply().get() == 0  # here, without the worker
    assert not ReviewDigest.objects.exists()
    file_reports(participant, cycle, {3: "submitted"})
    send_review_digests.delay()
    send_review_digests.delay()
    wait_until(lambda: mail.outbox and all_sent(ReviewDigest))
    time.sleep(1)
    assert ReviewDigest.objects.count() == 1
    [message] = mail.outbox
    assert message.to == [secretariat.email]
    assert "1 report waiting for review" in message.subject
