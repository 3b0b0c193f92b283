"""Which reminder threshold a cycle has reached on a given day."""

from datetime import date

from django.conf import settings

from ..models import ReportingCycle


def reminder_threshold(cycle: ReportingCycle, day: date) -> int | None:
    """Days before the due date (negative: after it) of the latest threshold
    reached on `day`, or None while the cycle is not open or none is reached.

    Only the latest counts: when a run was missed, the threshold reached since
    is sent once, and the earlier one that was skipped is not sent late.
    """
    if not cycle.is_open(day):
        return None
    days_left = (cycle.due_on - day).days
    if days_left >= 0:
        reached = [d for d in settings.REMINDER_DAYS_BEFORE_DUE if d >= days_left]
        return min(reached) if reached else None
    return -_overdue_threshold(days_late=-days_left)


def _overdue_threshold(*, days_late: int) -> int:
    """1 (the day after the due date), then 1 + n × every, when it repeats."""
    every = settings.REMINDER_OVERDUE_EVERY_DAYS
    if not every:
        return 1
    return 1 + (days_late - 1) // every * every
