"""The secretariat's review queue and decisions."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from accounts.access import secretariat_required
from accounts.selectors import participant_get, participant_list
from common.feedback import show_errors
from common.params import chosen
from mandates.models import Section

from .. import access, history, selectors, services
from ..forms import (
    ReturnForm,
    ValidateForm,
)
from ..models import ProgressReport, ReportingCycle


@secretariat_required
def review_queue(request):
    cycles = ReportingCycle.objects.all()
    filters = {
        "cycle": chosen(cycles, request.GET, "cycle"),
        "participant": participant_get(code=request.GET["participant"])
        if request.GET.get("participant")
        else None,
        "section": request.GET.get("section") or None,
        "status": request.GET.get("status") or None,
    }
    if filters["status"] and filters["status"] not in ProgressReport.Status.values:
        filters["status"] = None
    page = Paginator(selectors.review_queue(**filters), 50).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "progress/review_queue.html",
        {
            "page": page,
            "filters": filters,
            "cycles": cycles,
            "participants": participant_list(),
            "sections": Section.objects.all(),
            "statuses": ProgressReport.Status.choices,
            "query": request.GET.copy(),
        },
    )


@login_required
def review_detail(request, pk: int):
    report = access.report_for_reviewer(request.user, pk)
    if request.method == "POST":
        return _review_action(request, report)
    previous_report = selectors.previous_cycle_report(report)
    since, changes = history.changes_since_last_return(report)
    context = {
        "report": report,
        "answers": selectors.indicator_answers(report),
        "evidence_items": report.evidence.all(),
        "transitions": report.transitions.select_related("actor"),
        "version_history": history.version_history(report),
        "since_version": since,
        "changes": changes,
        "previous_report": previous_report,
        "cycle_changes": history.compare(previous_report, report, report=report)
        if previous_report
        else [],
        "return_form": ReturnForm(),
        "validate_form": ValidateForm(),
        "self_submitted": report.submitted_by_id == request.user.pk,
    }
    return render(request, "progress/review_detail.html", context)


def _review_action(request, report):
    action = request.POST.get("action")
    try:
        if action == "return":
            services.report_return(
                user=request.user,
                report=report,
                comment=request.POST.get("comment", ""),
            )
            messages.success(
                request, _("Report returned to the focal point with your comment.")
            )
        elif action == "validate":
            publish = request.POST.get("publish") == "on"
            services.report_validate(
                user=request.user,
                report=report,
                comment=request.POST.get("comment", ""),
                publish=publish,
            )
            messages.success(
                request,
                _("Report validated and published.")
                if publish
                else _("Report validated."),
            )
        elif action == "publish":
            services.report_publish(user=request.user, report=report)
            messages.success(request, _("Report published."))
        else:
            messages.error(request, _("Unknown action."))
    except (ValidationError, PermissionDenied) as error:
        show_errors(request, error)
    return redirect("progress:review_detail", pk=report.pk)
