"""The emails of civil society, each in its recipient's language.

Sent by Celery tasks (civil_society.tasks) queued once the write is committed.
An invitation's secret comes with its task, since only its hash is stored.
"""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from accounts.models import Membership
from common.invitations import token_hash

from .access import invitation_refusal
from .models import MemberInvitation, Observation, Organisation


def _absolute(name: str, language: str, **kwargs) -> str:
    with translation.override(language):
        path = reverse(name, kwargs=kwargs)
    return f"{settings.PORTAL_URL}{path}"


def _send(template: str, context: dict, *, to: str, language: str) -> int:
    with translation.override(language):
        subject = render_to_string(f"emails/{template}_subject.txt", context)
        body = render_to_string(f"emails/{template}_body.txt", context)
    # One line; split() alone would also break French no-break spaces.
    subject = " ".join(line.strip() for line in subject.splitlines()).strip()
    return EmailMultiAlternatives(subject=subject, body=body, to=[to]).send()


def invitation_url(invitation: MemberInvitation, token: str) -> str:
    return _absolute(
        "civil_society:invitation_accept",
        invitation.language,
        pk=invitation.pk,
        token=token,
    )


def invitation_email_send(*, invitation_id: int, token: str, approval=False) -> int:
    """Send the invitation; 0 when it was cancelled, used or replaced since."""
    invitation = MemberInvitation.objects.select_related(
        "organisation", "invited_by"
    ).get(pk=invitation_id)
    if invitation_refusal(invitation) or invitation.token_hash != token_hash(token):
        return 0
    context = {
        "invitation": invitation,
        "organisation": invitation.organisation,
        "approval": approval,
        "url": invitation_url(invitation, token),
    }
    return _send(
        "member_invitation",
        context,
        to=invitation.email,
        language=invitation.language,
    )


def application_declined_send(*, organisation_id: int) -> int:
    organisation = Organisation.objects.get(pk=organisation_id)
    if organisation.status != Organisation.Status.DECLINED:
        return 0
    return _send(
        "application_declined",
        {"organisation": organisation},
        to=organisation.contact_email,
        language=organisation.language,
    )


def observation_published_send(*, observation_id: int) -> int:
    """One email per focal point of the observed participant; how many were sent."""
    observation = Observation.objects.with_related().get(pk=observation_id)
    if observation.status != Observation.Status.PUBLISHED:
        return 0
    focal_points = (
        Membership.objects.filter(
            participant_id=observation.participant_id,
            role=Membership.Role.FOCAL_POINT,
            user__is_active=True,
        )
        .select_related("user")
        .order_by("user__email")
    )
    sent = 0
    for membership in focal_points:
        user = membership.user
        context = {
            "observation": observation,
            "user": user,
            "url": _absolute(
                "civil_society:reply", user.preferred_language, pk=observation.pk
            ),
        }
        sent += _send(
            "observation_published",
            context,
            to=user.email,
            language=user.preferred_language,
        )
    return sent
