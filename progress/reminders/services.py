"""Writes of the reminders: record who is due an email, then send it once."""

from datetime import date
from functools import partial

from django.db import IntegrityError, models, transaction
from django.utils import timezone, translation

from ..models import Reminder, ReportingCycle, ReviewDigest
from ..tasks import send_reminder, send_review_digest
from . import selectors
from .emails import reminder_message, review_digest_message
from .schedule import reminder_threshold


def reminders_queue(*, day: date | None = None) -> int:
    """Record today's reminders and queue their emails; returns how many.

    Run daily by Celery beat. Running it again, or twice at once, queues
    nothing more: a reminder already recorded is never queued again.
    """
    day = day or timezone.localdate()
    queued = 0
    for cycle in ReportingCycle.objects.open_on(day).order_by("due_on", "pk"):
        threshold = reminder_threshold(cycle, day)
        if threshold is not None:
            queued += _reminders_queue_for(cycle, days_before_due=threshold)
    return queued


def _reminders_queue_for(cycle: ReportingCycle, *, days_before_due: int) -> int:
    recipients = selectors.reminder_recipients(
        cycle=cycle, days_before_due=days_before_due
    )
    missing = selectors.missing_reports(
        cycle=cycle, participant_ids={m.participant_id for m in recipients}
    )
    queued = 0
    for membership in recipients:
        count = len(missing[membership.participant_id])
        if not count:
            continue  # nothing missing: no email, and nothing recorded
        reminder = reminder_record(
            cycle=cycle,
            participant_id=membership.participant_id,
            user_id=membership.user_id,
            days_before_due=days_before_due,
            missing_count=count,
        )
        if reminder is not None:
            # Queued once the row is committed: the worker must find it.
            transaction.on_commit(partial(send_reminder.delay, reminder.pk))
            queued += 1
    return queued


def _record(model: type[models.Model], **fields):
    """The new row, or None when its unique constraint says it exists.

    When another beat has inserted the same row and not committed yet, the
    insert waits for that transaction; once it commits, the insert fails and
    this beat leaves the email to the other.
    """
    try:
        with transaction.atomic():
            return model.objects.create(**fields)
    except IntegrityError:
        return None


def reminder_record(
    *,
    cycle: ReportingCycle,
    participant_id: int,
    user_id: int,
    days_before_due: int,
    missing_count: int,
) -> Reminder | None:
    return _record(
        Reminder,
        cycle=cycle,
        participant_id=participant_id,
        user_id=user_id,
        days_before_due=days_before_due,
        missing_count=missing_count,
    )


@transaction.atomic
def reminder_send(*, reminder_id: int) -> bool:
    """Email what is missing now, in the recipient's language; False if nothing
    was sent.

    The row stays locked while the email goes out, so a task delivered twice
    sends once. A reminder with nothing left to list, for a closed cycle, or
    for someone who no longer wants it is deleted: nothing sent, nothing kept.
    """
    reminder = (
        Reminder.objects.select_for_update(of=("self",))
        .select_related("cycle", "participant", "user")
        .filter(pk=reminder_id)
        .first()
    )
    if reminder is None or reminder.sent_at is not None:
        return False
    missing = selectors.missing_reports(
        cycle=reminder.cycle, participant_ids=[reminder.participant_id]
    )[reminder.participant_id]
    wanted = reminder.cycle.is_open() and selectors.is_reminder_recipient(reminder)
    if not (missing and wanted):
        reminder.delete()
        return False
    with translation.override(reminder.user.preferred_language):
        reminder_message(reminder, missing).send()
    reminder.missing_count = len(missing)
    reminder.sent_at = timezone.now()
    reminder.save(update_fields=["missing_count", "sent_at"])
    return True


def review_digests_queue(*, day: date | None = None) -> int:
    """Record today's digests and queue them, unless no report waits for review.

    Run daily by Celery beat; idempotent as reminders_queue is.
    """
    day = day or timezone.localdate()
    waiting = selectors.reports_waiting_count()
    if not waiting:
        return 0
    queued = 0
    for user in selectors.review_digest_recipients(day=day):
        digest = _record(ReviewDigest, day=day, user=user, waiting_count=waiting)
        if digest is not None:
            transaction.on_commit(partial(send_review_digest.delay, digest.pk))
            queued += 1
    return queued


@transaction.atomic
def review_digest_send(*, digest_id: int) -> bool:
    """Email the reports waiting now, as reminder_send does; False if not sent."""
    digest = (
        ReviewDigest.objects.select_for_update(of=("self",))
        .select_related("user")
        .filter(pk=digest_id)
        .first()
    )
    if digest is None or digest.sent_at is not None:
        return False
    groups = selectors.waiting_for_review()
    if not (groups and selectors.is_review_digest_recipient(digest.user)):
        digest.delete()
        return False
    with translation.override(digest.user.preferred_language):
        review_digest_message(digest, groups).send()
    digest.waiting_count = sum(group.count for group in groups)
    digest.sent_at = timezone.now()
    digest.save(update_fields=["waiting_count", "sent_at"])
    return True
