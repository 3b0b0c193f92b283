"""The focal point's workspace: its participants, the cycle's reports, starting one."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.models import Membership
from accounts.selectors import participants_for
from common.feedback import show_errors
from common.params import chosen
from mandates.models import Mandate

from .. import selectors, services
from ..access import participant_for_member
from ..models import ProgressReport, ReportingCycle


@login_required
def workspace_index(request):
    participants = list(participants_for(request.user, contributing=True))
    if len(participants) == 1:
        return redirect("progress:workspace", code=participants[0].code)
    return render(
        request, "progress/workspace_index.html", {"participants": participants}
    )


@login_required
def workspace(request, code: str):
    participant, role = participant_for_member(request.user, code)
    cycles = ReportingCycle.objects.all()
    cycle = chosen(cycles, request.GET, "cycle") or selectors.current_cycle()
    Role = Membership.Role
    context = {
        "participant": participant,
        "cycle": cycle,
        "cycles": cycles,
        "can_edit": role in (Role.FOCAL_POINT, Role.CONTRIBUTOR),
        "contributor": role == Role.CONTRIBUTOR,
    }
    if cycle:
        rows = selectors.workspace_rows(
            request.user, participant=participant, cycle=cycle
        )
        context.update(
            cycle_open=cycle.is_open(),
            days_left=cycle.days_left(),
            days_late=-cycle.days_left(),
            rows=rows,
            returned=selectors.returned_reports(
                request.user, participant=participant, cycle=cycle
            ),
            counts=_status_counts(rows),
        )
    return render(request, "progress/workspace.html", context)


def _status_counts(rows) -> list[tuple[str, int]]:
    """(label, count) for "not started" and each workflow state, in order."""
    counts = {}
    for row in rows:
        key = row.report.status if row.report else "none"
        counts[key] = counts.get(key, 0) + 1
    labels = [("none", _("Not started")), *ProgressReport.Status.choices]
    return [(label, counts.get(key, 0)) for key, label in labels]


@login_required
@require_POST
def report_start(request, code: str, cycle_id: int, number: int):
    participant, _role = participant_for_member(request.user, code)
    cycle = get_object_or_404(ReportingCycle, pk=cycle_id)
    mandate = get_object_or_404(Mandate, number=number)
    try:
        report, created = services.report_start(
            user=request.user,
            participant=participant,
            mandate=mandate,
            cycle=cycle,
            copy_previous=request.POST.get("copy_previous") == "1",
        )
    except (ValidationError, PermissionDenied) as error:
        show_errors(request, error)
        return redirect("progress:workspace", code=participant.code)
    if created:
        messages.success(
            request,
            _("Draft report created. Save it at any time; submit it when complete."),
        )
    return redirect("progress:report_edit", pk=report.pk)
