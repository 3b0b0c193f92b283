"""The reminder and digest emails, plain text and HTML, in the active language.

Links are absolute (PORTAL_URL): the worker that sends them has no request.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from mandates.models import Mandate

from ..models import ProgressReport, Reminder, ReviewDigest
from .selectors import NOT_STARTED, MissingReport, WaitingGroup

Status = ProgressReport.Status


@dataclass(frozen=True)
class MissingLink:
    mandate: Mandate
    url: str | None  # the report's form; none for a mandate not started


@dataclass(frozen=True)
class MissingGroup:
    heading: str
    links: list[MissingLink]
    start_url: str | None = None  # where the mandates not started are started


def _absolute(path: str, **query) -> str:
    return f"{settings.PORTAL_URL}{path}" + (f"?{urlencode(query)}" if query else "")


def reminder_message(
    reminder: Reminder, missing: list[MissingReport]
) -> EmailMultiAlternatives:
    cycle, participant = reminder.cycle, reminder.participant
    workspace_url = _absolute(
        reverse("progress:workspace", kwargs={"code": participant.code}),
        cycle=cycle.pk,
    )
    context = {
        "user": reminder.user,
        "participant": participant,
        "cycle": cycle,
        "count": len(missing),
        "days_left": cycle.days_left(),
        "days_late": -cycle.days_left(),
        "groups": _missing_groups(missing, workspace_url),
        "workspace_url": workspace_url,
        "settings_url": _absolute(reverse("accounts:notification_settings")),
    }
    return _message("reminder", context, to=reminder.user.email)


def _missing_groups(
    missing: list[MissingReport], workspace_url: str
) -> list[MissingGroup]:
    """Not started, drafts, returned: each group that is not empty, in order.

    A mandate not started has no report to link to: the group links to the
    workspace, where the focal point starts it.
    """
    links: dict[str, list[MissingLink]] = {
        NOT_STARTED: [],
        Status.DRAFT: [],
        Status.RETURNED: [],
    }
    for item in missing:
        url = None
        if item.report is not None:
            url = _absolute(reverse("progress:report_edit", args=[item.report.pk]))
        links[item.state].append(MissingLink(item.mandate, url))
    groups = [
        MissingGroup(_("Not started"), links[NOT_STARTED], start_url=workspace_url),
        MissingGroup(_("Drafts not yet submitted"), links[Status.DRAFT]),
        MissingGroup(
            _("Returned for changes by the secretariat"), links[Status.RETURNED]
        ),
    ]
    return [group for group in groups if group.links]


def review_digest_message(
    digest: ReviewDigest, groups: list[WaitingGroup]
) -> EmailMultiAlternatives:
    queue = reverse("progress:review_queue")
    rows = [
        (
            group,
            _absolute(
                queue,
                cycle=group.cycle.pk,
                participant=group.participant.code,
                status=Status.SUBMITTED,
            ),
        )
        for group in groups
    ]
    context = {
        "user": digest.user,
        "count": sum(group.count for group in groups),
        "rows": rows,
        # An empty cycle means every cycle; the queue alone shows the current one.
        "queue_url": _absolute(queue, cycle="", status=Status.SUBMITTED),
        "settings_url": _absolute(reverse("accounts:notification_settings")),
    }
    return _message("review_digest", context, to=digest.user.email)


def _message(name: str, context: dict, *, to: str) -> EmailMultiAlternatives:
    subject = render_to_string(f"emails/{name}_subject.txt", context)
    message = EmailMultiAlternatives(
        subject=" ".join(subject.split()),
        body=render_to_string(f"emails/{name}_body.txt", context),
        to=[to],
    )
    html = render_to_string(f"emails/{name}_body.html", context)
    message.attach_alternative(html, "text/html")
    return message
