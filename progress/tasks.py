"""Celery tasks of the progress app. They take ids and call services.

The services import these tasks at module level to queue them; a task imports
what it calls inside its body, so imports run one way.
"""

from celery import shared_task


@shared_task(bind=True, max_retries=5, acks_late=True, ignore_result=True)
def notify_transition(self, transition_id: int) -> None:
    """Email the focal points about a decision; retry while the mail server fails."""
    from . import notifications

    try:
        notifications.transition_notify(transition_id=transition_id)
    except OSError as error:  # smtplib errors are OSErrors
        raise self.retry(exc=error, countdown=60 * 2**self.request.retries) from None


def _send_or_retry(task, send, **ids) -> None:
    try:
        send(**ids)
    except OSError as error:  # smtplib errors are OSErrors
        raise task.retry(exc=error, countdown=60 * 2**task.request.retries) from None


@shared_task(ignore_result=True)
def send_reminders() -> int:
    """Run daily by Celery beat (CELERY_BEAT_SCHEDULE): the reminders due today."""
    from .reminders import services

    return services.reminders_queue()


@shared_task(bind=True, max_retries=5, acks_late=True, ignore_result=True)
def send_reminder(self, reminder_id: int) -> None:
    from .reminders import services

    _send_or_retry(self, services.reminder_send, reminder_id=reminder_id)


@shared_task(ignore_result=True)
def send_review_digests() -> int:
    """Run daily by Celery beat: the secretariat's digest, if any report waits."""
    from .reminders import services

    return services.review_digests_queue()


@shared_task(bind=True, max_retries=5, acks_late=True, ignore_result=True)
def send_review_digest(self, digest_id: int) -> None:
    from .reminders import services

    _send_or_retry(self, services.review_digest_send, digest_id=digest_id)


@shared_task(bind=True, max_retries=5, acks_late=True, ignore_result=True)
def send_contributor_invitation(self, invitation_id: int, token: str) -> None:
    """Email an invitation's link; retry while the mail server fails."""
    from .contributors.emails import invitation_email_send

    _send_or_retry(
        self, invitation_email_send, invitation_id=invitation_id, token=token
    )
