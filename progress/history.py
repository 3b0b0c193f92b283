"""Earlier versions of a report and what changed between two of them.

Versions are django-simple-history records of ProgressReport; since indicator
answers live in the report row, each record holds the whole content.

A content save (report_start, report_update) makes a new version number and a
record whose history_user is the person who saved. A transition (submit,
return, validate, publish) saves the report too, so it adds a record with the
same version number, the same content and the transition's actor as its user.
A version is therefore its EARLIEST record: later records of the same number
are status changes, and their users moved the report (ReportTransition.actor
says so) but did not write that version.
"""

from dataclasses import dataclass
from datetime import datetime

from django.utils.translation import gettext as _

from .indicators import applicable_indicators, display_value
from .models import ProgressReport

# history_change_reason of a first version copied from the previous cycle.
COPIED_FROM_PREVIOUS_CYCLE = "copied from the previous cycle's report"


@dataclass
class Change:
    label: str
    before: str
    after: str


@dataclass
class Version:
    """One content version: who saved it, when, and what it changed."""

    number: int
    author: object | None
    saved_at: datetime
    changes: list[Change]
    is_first: bool
    copied: bool


def content_versions(report: ProgressReport) -> list:
    """The record that made each content version, newest version first."""
    made = (
        report.history.order_by("version", "history_date", "history_id")
        .distinct("version")
        .select_related("history_user")
    )
    return sorted(made, key=lambda record: record.version, reverse=True)


def _field_labels() -> dict[str, str]:
    return {
        name: str(ProgressReport._meta.get_field(name).verbose_name).capitalize()
        for name in ProgressReport.CONTENT_FIELDS
    }


def _shown(report_like, field: str) -> str:
    value = getattr(report_like, field)
    display = getattr(report_like, f"get_{field}_display", None)
    return str(display()) if display and value else (value or "")


def compare(before, after, *, report: ProgressReport) -> list[Change]:
    """What differs between two reports or versions of the same mandate."""
    labels = _field_labels()
    changes = [
        Change(labels[field], _shown(before, field), _shown(after, field))
        for field in ProgressReport.CONTENT_FIELDS
        if (getattr(before, field) or "") != (getattr(after, field) or "")
    ]
    old_values, new_values = before.indicator_values or {}, after.indicator_values or {}
    for indicator in applicable_indicators(
        mandate=report.mandate, participant=report.participant
    ):
        old, new = old_values.get(indicator.code), new_values.get(indicator.code)
        if old != new:
            changes.append(
                Change(
                    _("Indicator %(code)s: %(label)s")
                    % {"code": indicator.code, "label": indicator.label},
                    display_value(indicator, old),
                    display_value(indicator, new),
                )
            )
    return changes


def changes_since_previous_version(
    report: ProgressReport,
) -> tuple[object, list[Change]]:
    """The version before the current content, and what changed since it."""
    records = content_versions(report)
    if len(records) < 2:
        return None, []
    return records[1], compare(records[1], records[0], report=report)


def version_at(report: ProgressReport, moment):
    """The report's content as it stood at a moment (the last record before it)."""
    return (
        report.history.filter(history_date__lte=moment)
        .order_by("-history_date", "-history_id")
        .first()
    )


@dataclass
class SinceVersion:
    """What changed since an earlier version, and why that version is the one
    compared with: the secretariat returned it, or it is the previous one."""

    version: object | None  # the historical record of that version
    changes: list[Change]
    returned: object | None = None  # the ReportTransition that returned it


def changes_since_last_return(report: ProgressReport) -> SinceVersion:
    """For a resubmitted report: what changed since the secretariat returned it.

    Without an earlier return, the comparison is with the previous version.
    """
    last_return = (
        report.transitions.filter(to_status=ProgressReport.Status.RETURNED)
        .select_related("actor")
        .order_by("-created_at")
        .first()
    )
    if last_return is None:
        return SinceVersion(*changes_since_previous_version(report))
    returned = version_at(report, last_return.created_at)
    if returned is None:
        return SinceVersion(None, [])
    return SinceVersion(returned, compare(returned, report, report=report), last_return)


def version_history(report: ProgressReport) -> list[Version]:
    """Each content version, newest first, with what it changed from the one before."""
    records = content_versions(report)
    history = []
    for newer, older in zip(records, records[1:] + [None], strict=True):
        history.append(
            Version(
                number=newer.version,
                author=newer.history_user,
                saved_at=newer.history_date,
                changes=compare(older, newer, report=report) if older else [],
                is_first=older is None,
                copied=newer.history_change_reason == COPIED_FROM_PREVIOUS_CYCLE,
            )
        )
    return history
