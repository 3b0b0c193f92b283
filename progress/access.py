"""The one place that says who may see and who may change a progress report.

Someone who may not see a report gets a 404, as if it did not exist; someone
who may see it but not change it gets PermissionDenied with the reason.

Focal points and observers of a participant see all of its reports; a
contributor sees, edits and adds evidence to the reports on the mandates a
focal point gave them, and never submits. Every rule below asks one question
of the database: the person's role on the report (_role_on); edit_refusals
asks one for many reports of a participant (a workbook's rows).
"""

from collections.abc import Callable

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.utils.translation import gettext as _

from accounts.access import is_secretariat
from accounts.models import Membership
from accounts.selectors import participant_get

from .models import ProgressReport

Role = Membership.Role
WRITERS = (Role.FOCAL_POINT, Role.CONTRIBUTOR)


def _role_on(user, report: ProgressReport) -> str | None:
    """Focal point or observer of the report's participant, contributor when
    the report's mandate was given to them, or None. One query."""
    if not user.is_authenticated:
        return None
    given = Q(role=Role.CONTRIBUTOR, contributor_mandates__mandate=report.mandate_id)
    memberships = Membership.objects.filter(
        user=user, participant=report.participant_id
    ).filter(Q(role__in=Membership.WHOLE_PARTICIPANT) | given)
    return memberships.values_list("role", flat=True).first()


def _roles_on_mandates(user, participant_id: int) -> Callable[[int], str | None]:
    """The person's role on each mandate of the participant, as _role_on says
    it for one report, from one query: a focal point's or observer's role holds
    for every mandate; a contributor's, for the mandates given to them."""
    rows = []
    if user.is_authenticated:
        rows = list(
            Membership.objects.filter(
                user=user, participant=participant_id
            ).values_list("role", "contributor_mandates__mandate")
        )
    whole = next((r for r, _m in rows if r in Membership.WHOLE_PARTICIPANT), None)
    given = {m for r, m in rows if r == Role.CONTRIBUTOR and m is not None}

    def role_on(mandate_id: int) -> str | None:
        return whole or (Role.CONTRIBUTOR if mandate_id in given else None)

    return role_on


def can_view(user, report: ProgressReport) -> bool:
    return report.status == ProgressReport.Status.PUBLISHED or can_view_private(
        user, report
    )


def can_view_private(user, report: ProgressReport) -> bool:
    """Private evidence and the history: for the participant's members (a
    contributor: on their mandates) and the secretariat only."""
    if is_secretariat(user):
        return True
    return _role_on(user, report) is not None


def edit_refusal(user, report: ProgressReport) -> str | None:
    """Why this person may not edit this report now, or None if they may."""
    return _edit_refusal(_role_on(user, report), report)


def edit_refusals(user, participant) -> Callable[[ProgressReport], str | None]:
    """edit_refusal for any number of the participant's reports, with one
    query in all, made here."""
    role_on = _roles_on_mandates(user, participant.pk)
    return lambda report: _edit_refusal(role_on(report.mandate_id), report)


def submit_refusal(user, report: ProgressReport) -> str | None:
    """Why this person may not submit this report now, or None if they may."""
    return _submit_refusal(_role_on(user, report), report)


def refusals(user, report: ProgressReport) -> tuple[str | None, str | None]:
    """Why this person may not edit, and why not submit, the report (one query)."""
    role = _role_on(user, report)
    return _edit_refusal(role, report), _submit_refusal(role, report)


def _submit_refusal(role: str | None, report: ProgressReport) -> str | None:
    """Editing rules first; then only focal points submit: a contributor's draft
    goes to the secretariat when a focal point of the participant sends it."""
    refusal = _edit_refusal(role, report)
    if refusal is None and role != Role.FOCAL_POINT:
        refusal = _(
            "Only a focal point of %(participant)s submits its reports. Your "
            "draft is saved; a focal point will submit it."
        ) % {"participant": report.participant.name}
    return refusal


def _edit_refusal(role: str | None, report: ProgressReport) -> str | None:
    if role not in WRITERS:
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


def participant_for_member(user, code: str):
    """The participant and this person's role in it (contributors included);
    a 404 for anyone who is not a member."""
    participant = participant_get(code=code)
    role = (
        Membership.objects.filter(user=user, participant=participant)
        .values_list("role", flat=True)
        .first()
    )
    if role is None:
        raise Http404
    return participant, role
