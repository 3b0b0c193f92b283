"""One report: reading it, editing it, submitting it, its evidence.

Every report is fetched through progress.access, never by a bare query.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from common.feedback import attach_errors, show_errors, show_form_errors
from common.files import file_response
from common.locking import StaleVersion
from common.params import query_int

from .. import access, evidence, history, selectors, services
from ..forms import (
    EvidenceForm,
    ReportForm,
    indicator_field_name,
)
from ..indicators import applicable_indicators
from ..models import ProgressReport


def report_detail(request, pk: int):
    report = access.report_for_viewer(request.user, pk)
    private = access.can_view_private(request.user, report)
    edit_refusal, submit_refusal = access.refusals(request.user, report)
    context = {
        "report": report,
        "answers": selectors.indicator_answers(report),
        "evidence_items": selectors.evidence_visible_to(request.user, report),
        "private": private,
        "edit_refusal": edit_refusal,
        "can_submit": submit_refusal is None,
        "missing": selectors.report_missing(report)
        if report.is_editable_status
        else [],
    }
    if private:
        context.update(
            transitions=report.transitions.select_related("actor"),
            version_history=history.version_history(report),
        )
    return render(request, "progress/report_detail.html", context)


@login_required
def report_edit(request, pk: int):
    report = access.report_for_viewer(request.user, pk)
    refusal = access.edit_refusal(request.user, report)
    if refusal:
        if not access.can_view_private(request.user, report):
            raise Http404
        messages.warning(request, refusal)
        return redirect("progress:report_detail", pk=report.pk)
    indicators = list(
        applicable_indicators(mandate=report.mandate, participant=report.participant)
    )
    if request.method == "POST":
        form = ReportForm(request.POST, indicators=indicators)
        if form.is_valid():
            return _save_report(request, report, form, indicators)
    else:
        form = ReportForm(
            initial=ReportForm.initial_for(report, indicators), indicators=indicators
        )
    return _render_edit(request, report, form, indicators)


def _as_report(report, form) -> ProgressReport:
    """An unsaved copy of the report holding what the form says."""
    copy = ProgressReport(**{f: getattr(report, f) for f in ("participant", "mandate")})
    for field, value in form.content().items():
        setattr(copy, field, value)
    copy.indicator_values = services.clean_indicator_values(
        report, form.indicator_answers()
    )
    return copy


def _render_edit(request, report, form, indicators, status=200, unsaved=()):
    return render(
        request,
        "progress/report_form.html",
        {
            "report": report,
            "form": form,
            "missing": selectors.report_missing(report, indicators),
            "evidence_form": EvidenceForm(),
            "evidence_items": report.evidence.all(),
            "last_return": report.transitions.filter(
                to_status=ProgressReport.Status.RETURNED
            ).last(),
            "previous_report": selectors.previous_cycle_report(report),
            "unsaved": unsaved,
            # Contributors save drafts; the form shows them no way to submit.
            "can_submit": access.submit_refusal(request.user, report) is None,
        },
        status=status,
    )


def _save_report(request, report, form, indicators):
    try:
        saved = services.report_update(
            user=request.user,
            report=report,
            version=form.cleaned_data["version"],
            content=form.content(),
            indicators=form.indicator_answers(),
        )
    except StaleVersion as stale:
        # The form shows the newer content; what this person typed is shown
        # beside it, so nothing of theirs is lost.
        messages.error(request, stale.messages[0])
        fresh = ReportForm(
            initial=ReportForm.initial_for(stale.current, indicators),
            indicators=indicators,
        )
        unsaved = history.compare(
            stale.current, _as_report(stale.current, form), report=stale.current
        )
        return _render_edit(
            request, stale.current, fresh, indicators, status=409, unsaved=unsaved
        )
    except ValidationError as error:
        _attach_errors(form, error)
        return _render_edit(request, report, form, indicators, status=400)
    if "submit" in request.POST:
        return _submit(request, saved)
    messages.success(
        request, _("Draft saved (version %(version)s).") % {"version": saved.version}
    )
    return redirect("progress:report_edit", pk=saved.pk)


def _attach_errors(form, error: ValidationError) -> None:
    by_code = {i.code: indicator_field_name(i) for i in form.indicators}
    attach_errors(form, error, field_for=lambda key: by_code.get(key, key))


def _submit(request, report):
    try:
        services.report_submit(user=request.user, report=report, version=report.version)
    except (ValidationError, PermissionDenied) as error:
        show_errors(request, error)
        return redirect("progress:report_edit", pk=report.pk)
    messages.success(
        request,
        _(
            "Report submitted to the secretariat. You will see its review in "
            "your workspace."
        ),
    )
    return redirect("progress:report_detail", pk=report.pk)


@login_required
@require_POST
def report_submit(request, pk: int):
    report = access.report_for_editor(request.user, pk)
    if query_int(request.POST, "version", low=1) != report.version:
        messages.error(
            request,
            _("This report changed since you opened it; check it and submit again."),
        )
        return redirect("progress:report_edit", pk=report.pk)
    return _submit(request, report)


@login_required
@require_POST
def evidence_add(request, pk: int):
    report = access.report_for_editor(request.user, pk)
    form = EvidenceForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            evidence.evidence_add(
                user=request.user,
                report=report,
                title=form.cleaned_data["title"],
                upload=form.cleaned_data["upload"],
                url=form.cleaned_data["url"],
                is_public=form.cleaned_data["is_public"],
            )
        except ValidationError as error:
            show_errors(request, error)
        else:
            messages.success(
                request,
                _("Evidence “%(title)s” added.")
                % {"title": form.cleaned_data["title"]},
            )
    else:
        show_form_errors(request, form)
    return redirect(f"{_edit_url(report)}#evidence")


def _edit_url(report) -> str:
    return reverse("progress:report_edit", kwargs={"pk": report.pk})


@login_required
@require_POST
def evidence_remove(request, pk: int, evidence_id: int):
    report = access.report_for_editor(request.user, pk)
    item = get_object_or_404(report.evidence, pk=evidence_id)
    evidence.evidence_remove(user=request.user, evidence=item)
    messages.success(
        request, _("Evidence “%(title)s” removed.") % {"title": item.title}
    )
    return redirect(f"{_edit_url(report)}#evidence")


def evidence_download(request, pk: int, evidence_id: int):
    report = access.report_for_viewer(request.user, pk)
    items = selectors.evidence_visible_to(request.user, report)
    return file_response(get_object_or_404(items, pk=evidence_id))
