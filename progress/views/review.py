"""The secretariat's review queue and decisions."""

from functools import partial

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from accounts.access import secretariat_required
from accounts.models import Participant
from accounts.selectors import participant_list
from common.feedback import show_errors
from common.params import chosen, chosen_by_code, query_choice, query_code
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
    filters = _queue_filters(request.GET, cycles)
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


def _queue_filters(query, cycles) -> dict:
    """The queue's filters; on arrival, the reports waiting for review in the
    current cycle (an empty choice in the form still means "all"). A value that
    names nothing is dropped: the queue shows the rest."""
    statuses = ProgressReport.Status.values
    return {
        "cycle": chosen(cycles, query, "cycle")
        if "cycle" in query
        else selectors.current_cycle(),
        "participant": chosen_by_code(Participant.objects, query, "participant"),
        "section": query_code(query, "section"),
        "status": query_choice(query, "status", statuses)
        if "status" in query
        else ProgressReport.Status.SUBMITTED,
    }


@secretariat_required
def review_detail(request, pk: int):
    report = access.report_for_reviewer(request.user, pk)
    forms = {
        "return": ReturnForm(prefix="return"),
        "validate": ValidateForm(prefix="validate"),
    }
    if request.method == "POST":
        decided = _review_action(request, report, forms)
        if decided:
            return decided
    return _render_review(request, report, forms)


def _render_review(request, report, forms):
    previous_report = selectors.previous_cycle_report(report)
    since = history.changes_since_last_return(report)
    context = {
        "report": report,
        "answers": selectors.indicator_answers(report),
        "evidence_items": selectors.evidence_visible_to(request.user, report),
        "transitions": report.transitions.select_related("actor"),
        "version_history": history.version_history(report),
        "since": since,
        "changes": since.changes,
        "previous_report": previous_report,
        "cycle_changes": history.compare(previous_report, report, report=report)
        if previous_report
        else [],
        "return_form": forms["return"],
        "validate_form": forms["validate"],
        "self_submitted": report.submitted_by_id == request.user.pk,
    }
    invalid = any(form.is_bound and form.errors for form in forms.values())
    return render(
        request, "progress/review_detail.html", context, status=400 if invalid else 200
    )


def _review_action(request, report, forms):
    """Carry out the decision, or None when its form has errors to show."""
    action = request.POST.get("action")
    if action == "publish":
        return _decide(request, report, services.report_publish, _("Report published."))
    if action not in forms:
        messages.error(request, _("Unknown action."))
        return redirect("progress:review_detail", pk=report.pk)
    form = forms[action] = type(forms[action])(request.POST, prefix=action)
    if not form.is_valid():
        return None
    comment = form.cleaned_data["comment"]
    if action == "return":
        return _decide(
            request,
            report,
            partial(services.report_return, comment=comment),
            _("Report returned to the focal point with your comment."),
        )
    publish = form.cleaned_data["publish"]
    return _decide(
        request,
        report,
        partial(services.report_validate, comment=comment, publish=publish),
        _("Report validated and published.") if publish else _("Report validated."),
    )


def _decide(request, report, service, done: str):
    try:
        service(user=request.user, report=report)
    except (ValidationError, PermissionDenied) as error:
        show_errors(request, error)
    else:
        messages.success(request, done)
    return redirect("progress:review_detail", pk=report.pk)
