"""Email to the focal points when the secretariat decides on their report.

Sent by a Celery task queued once the decision is committed, in each
recipient's own language.
"""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from accounts.models import Membership

from .models import ProgressReport, ReportTransition

# Decisions worth an email: the focal points must act on a return, and like
# to know when their work is validated or public.
NOTIFIED = (
    ProgressReport.Status.RETURNED,
    ProgressReport.Status.VALIDATED,
    ProgressReport.Status.PUBLISHED,
)


def transition_recipients(transition: ReportTransition):
    return (
        Membership.objects.filter(
            participant_id=transition.report.participant_id,
            role=Membership.Role.FOCAL_POINT,
            user__is_active=True,
        )
        .select_related("user")
        .order_by("user__email")
    )


def transition_notify(*, transition_id: int) -> int:
    """Send one email per focal point; returns how many were sent."""
    transition = ReportTransition.objects.select_related(
        "report__participant", "report__mandate", "report__cycle", "actor"
    ).get(pk=transition_id)
    if transition.to_status not in NOTIFIED:
        return 0
    sent = 0
    for membership in transition_recipients(transition):
        user = membership.user
        with translation.override(user.preferred_language):
            message = _message(transition, user)
        sent += message.send()
    return sent


def _message(transition: ReportTransition, user) -> EmailMultiAlternatives:
    report = transition.report
    path = reverse("progress:report_detail", kwargs={"pk": report.pk})
    context = {
        "transition": transition,
        "report": report,
        "user": user,
        "url": f"{settings.PORTAL_URL}{path}",
    }
    subject = render_to_string("emails/report_decision_subject.txt", context)
    return EmailMultiAlternatives(
        subject=" ".join(subject.split()),
        body=render_to_string("emails/report_decision_body.txt", context),
        to=[user.email],
    )
