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
