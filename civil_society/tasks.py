"""Celery tasks of civil society. They take ids and call the emails module.

The services import these tasks at module level to queue them; a task imports
what it calls inside its body, so imports run one way.
"""

from celery import shared_task


def _send_or_retry(task, send, **ids) -> None:
    try:
        send(**ids)
    except OSError as error:  # smtplib errors are OSErrors
        raise task.retry(exc=error, countdown=60 * 2**task.request.retries) from None


@shared_task(bind=True, max_retries=5, acks_late=True, ignore_result=True)
def send_member_invitation(
    self, invitation_id: int, token: str, approval: bool = False
) -> None:
    """Email an invitation's link (for the contact person of an approved
    application, the approval itself); retry while the mail server fails."""
    from .emails import invitation_email_send

    _send_or_retry(
        self,
        invitation_email_send,
        invitation_id=invitation_id,
        token=token,
        approval=approval,
    )


@shared_task(bind=True, max_retries=5, acks_late=True, ignore_result=True)
def send_application_declined(self, organisation_id: int) -> None:
    from .emails import application_declined_send

    _send_or_retry(self, application_declined_send, organisation_id=organisation_id)


@shared_task(bind=True, max_retries=5, acks_late=True, ignore_result=True)
def notify_observation_published(self, observation_id: int) -> None:
    """Tell the observed participant's focal points, who may reply."""
    from .emails import observation_published_send

    _send_or_retry(self, observation_published_send, observation_id=observation_id)
