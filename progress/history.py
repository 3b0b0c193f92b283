"""Earlier versions of a report and what changed between two of them.

Versions are django-simple-history records of ProgressReport; since indicator
answers live in the report row, each record holds the whole content.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from .indicators import applicable_indicators, display_value
from .models import ProgressReport


@dataclass
class Change:
    label: str
    before: str
    after: str


def versions(report: ProgressReport):
    """Saved versions, newest first, each with who made it."""
    return report.history.select_related("history_user").order_by(
        "-history_date", "-history_id"
    )


def content_versions(report: ProgressReport) -> list:
    """One record per content version (status changes alone are left out)."""
    seen, kept = set(), []
    for record in versions(report):
        if record.version not in seen:
            seen.add(record.version)
            kept.append(record)
    return kept


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


def changes_since_last_return(report: ProgressReport) -> tuple[object, list[Change]]:
    """For a resubmitted report: what changed since the secretariat returned it.

    Without an earlier return, the comparison is with the previous version.
    """
    last_return = (
        report.transitions.filter(to_status=ProgressReport.Status.RETURNED)
        .order_by("-created_at")
        .first()
    )
    if last_return is None:
        return changes_since_previous_version(report)
    returned = version_at(report, last_return.created_at)
    if returned is None:
        return None, []
    return returned, compare(returned, report, report=report)


def version_history(report: ProgressReport) -> list[tuple[object, list[Change]]]:
    """Each content version with what it changed from the one before."""
    records = content_versions(report)
    history = []
    for newer, older in zip(records, records[1:] + [None], strict=True):
        history.append((newer, compare(older, newer, report=report) if older else []))
    return history
