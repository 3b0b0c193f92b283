"""The invitation email, in the language the focal point used when inviting.

Sent by a Celery task (progress.tasks) queued once the invitation is committed;
the link's secret comes with the task, since only its hash is stored.
"""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from common.invitations import invitation_refusal, token_hash

from ..models import ContributorInvitation


def invitation_url(invitation: ContributorInvitation, token: str) -> str:
    """The absolute link, in the invitation's language."""
    with translation.override(invitation.language):
        path = reverse(
            "progress:invitation_accept",
            kwargs={"pk": invitation.pk, "token": token},
        )
    return f"{settings.PORTAL_URL}{path}"


def invitation_email_send(*, invitation_id: int, token: str) -> int:
    """Send the invitation; 0 when it was cancelled, used or resent since (the
    secret of a resent one is no longer this token)."""
    invitation = ContributorInvitation.objects.select_related(
        "participant", "invited_by"
    ).get(pk=invitation_id)
    if invitation_refusal(invitation) or invitation.token_hash != token_hash(token):
        return 0
    with translation.override(invitation.language):
        context = {
            "invitation": invitation,
            "mandates": invitation.mandates.order_by("number"),
            "url": invitation_url(invitation, token),
        }
        subject = render_to_string("emails/contributor_invitation_subject.txt", context)
        body = render_to_string("emails/contributor_invitation_body.txt", context)
    # One line; split() alone would also break French no-break spaces.
    subject = " ".join(line.strip() for line in subject.splitlines()).strip()
    message = EmailMultiAlternatives(subject=subject, body=body, to=[invitation.email])
    return message.send()
