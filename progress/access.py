"""The one place that says who may see and who may change a progress report.

Someone who may not see a report gets a 404, as if it did not exist; someone
who may see it but not change it gets PermissionDenied with the reason.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from accounts.access import is_secretariat
from accounts.selectors import is_member, sees_private_of

from .models import ProgressReport


def can_view(user, report: ProgressReport) -> bool:
    return report.status == ProgressReport.Status.PUBLISHED or can_view_private(
        user, report
    )


def edit_refusal(user, report: ProgressReport) -> str | None:
    """Why this person may not edit this report now, or None if they may."""
    if not is_member(user, report.participant, editable=True):
        return _("Only a focal point of %(participant)s can edit its reports.") % {
            "participant": report.participant.name
        }
    if not report.is_editable_status:
        return _("This report is %(status)s and can no longer be edited.") % {
            "status": report.get_status_display().lower()
        }
    if not report.cycle.is_open():
        return _(
            "The reporting cycle %(cycle)s is closed; reports can no longer be edited."
        ) % {"cycle": report.cycle.name}
    return None


def report_for_viewer(user, pk: int) -> ProgressReport:
    report = ProgressReport.objects.with_related().filter(pk=pk).first()
    if report is None or not can_view(user, report):
        raise Http404
    return report


def report_for_editor(user, pk: int) -> ProgressReport:
    report = report_for_viewer(user, pk)
    refusal = edit_refusal(user, report)
    if refusal:
        raise PermissionDenied(refusal)
    return report


def report_for_reviewer(user, pk: int) -> ProgressReport:
    report = report_for_viewer(user, pk)
    if not is_secretariat(user):
        raise Http404
    return report


def can_view_private(user, report: ProgressReport) -> bool:
    """Private evidence and the history: for members and the secretariat only."""
    return sees_private_of(user, report.participant)
