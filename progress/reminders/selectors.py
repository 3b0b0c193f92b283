"""Reads of the reminders: what a participant has still to submit, who is due
an email, what waits for review, and the record of what was sent."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import Count, Exists, Min, OuterRef

from accounts.models import Membership, Participant, User
from mandates.models import Mandate

from ..models import (
    ProgressReport,
    Reminder,
    ReportingCycle,
    ReviewDigest,
)

NOT_STARTED = "not_started"


@dataclass(frozen=True)
class MissingReport:
    """A mandate on which the participant has not submitted its report yet."""

    mandate: Mandate
    report: ProgressReport | None  # None: not started

    @property
    def state(self) -> str:
        return self.report.status if self.report else NOT_STARTED


def missing_reports(
    *, cycle: ReportingCycle, participant_ids
) -> dict[int, list[MissingReport]]:
    """Per participant, by mandate number: the mandates with no report in the
    cycle, the drafts and the returned reports.

    Two queries whatever the number of participants: mandates, reports.
    """
    mandates = list(Mandate.objects.order_by("number"))
    filed: dict[int, dict[int, ProgressReport]] = defaultdict(dict)
    reports = ProgressReport.objects.filter(
        cycle=cycle, participant_id__in=participant_ids
    ).only("pk", "participant_id", "mandate_id", "cycle_id", "status")
    for report in reports:
        filed[report.participant_id][report.mandate_id] = report
    missing = {}
    for participant_id in participant_ids:
        own = filed[participant_id]
        missing[participant_id] = [
            MissingReport(mandate, own.get(mandate.pk))
            for mandate in mandates
            if own.get(mandate.pk) is None
            or own[mandate.pk].status in ProgressReport.EDITABLE
        ]
    return missing


def _focal_points():
    return Membership.objects.filter(
        role=Membership.Role.FOCAL_POINT,
        user__is_active=True,
        user__reminders_enabled=True,
    )


def reminder_recipients(
    *, cycle: ReportingCycle, days_before_due: int
) -> list[Membership]:
    """Focal points who want reminders and have none yet at this threshold."""
    already = Reminder.objects.filter(
        cycle=cycle,
        participant=OuterRef("participant"),
        user=OuterRef("user"),
        days_before_due=days_before_due,
    )
    return list(
        _focal_points().exclude(Exists(already)).order_by("participant_id", "user_id")
    )


def is_reminder_recipient(reminder: Reminder) -> bool:
    """Still a focal point of the participant, active, and wanting reminders."""
    return (
        _focal_points()
        .filter(user_id=reminder.user_id, participant_id=reminder.participant_id)
        .exists()
    )


def review_digest_recipients(*, day: date):
    """The secretariat who want the digest and have none yet for the day."""
    return User.objects.filter(
        is_secretariat=True, is_active=True, reminders_enabled=True
    ).exclude(review_digests__day=day)


def is_review_digest_recipient(user: User) -> bool:
    return user.is_secretariat and user.is_active and user.reminders_enabled


@dataclass(frozen=True)
class WaitingGroup:
    """The reports of one participant in one cycle waiting for review."""

    cycle: ReportingCycle
    participant: Participant
    count: int
    oldest: datetime | None


def waiting_for_review() -> list[WaitingGroup]:
    """Submitted reports by cycle and participant, those waiting longest first.

    Three queries: the groups, their cycles, their participants.
    """
    groups = list(
        ProgressReport.objects.filter(status=ProgressReport.Status.SUBMITTED)
        .values("cycle_id", "participant_id")
        .annotate(count=Count("pk"), oldest=Min("submitted_at"))
        .order_by("oldest", "cycle_id", "participant_id")
    )
    if not groups:
        return []
    cycles = ReportingCycle.objects.in_bulk({g["cycle_id"] for g in groups})
    participants = Participant.objects.in_bulk({g["participant_id"] for g in groups})
    return [
        WaitingGroup(
            cycles[g["cycle_id"]],
            participants[g["participant_id"]],
            g["count"],
            g["oldest"],
        )
        for g in groups
    ]


def reports_waiting_count() -> int:
    return ProgressReport.objects.filter(status=ProgressReport.Status.SUBMITTED).count()


def reminder_log(*, cycle: ReportingCycle | None = None):
    """Every reminder recorded, newest first, with what the page shows of it."""
    reminders = Reminder.objects.select_related("cycle", "participant", "user")
    if cycle is not None:
        reminders = reminders.filter(cycle=cycle)
    return reminders.order_by("-queued_at", "-pk")


def review_digest_log():
    return ReviewDigest.objects.select_related("user").order_by("-day", "user__email")
