"""One report: reading it, editing it, submitting it.

Every report is fetched through progress.access, never by a bare query. The
edit page is one form: the evidence fields and buttons after it belong to it,
so adding or removing evidence first saves what the person typed (see
progress.views.evidence).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from common.feedback import attach_errors, show_errors
from common.locking import StaleVersion
from common.pagecache import public_page
from common.params import query_int

from .. import access, history, selectors, services
from ..forms import REPORT_FORM_ID, EvidenceForm, ReportForm, indicator_field_name
from ..indicators import applicable_indicators
from ..models import ProgressReport
from . import evidence as evidence_views
from .report_page import render_edit


@public_page
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
    if request.method != "POST":
        form = ReportForm(
            initial=ReportForm.initial_for(report, indicators), indicators=indicators
        )
        return render_edit(request, report, form, indicators)
    return _post_edit(request, report, indicators)


def _post_edit(request, report, indicators):
    """Save the draft, then do what else the form asks: add evidence (when
    its fields are filled in), remove evidence, submit."""
    form = ReportForm(request.POST, indicators=indicators)
    evidence_form = EvidenceForm.posted(request, form_id=REPORT_FORM_ID)
    if not form.is_valid():
        return render_edit(
            request,
            report,
            form,
            indicators,
            evidence_form=evidence_views.not_attached(request, evidence_form),
        )
    saved, refused = _save_report(request, report, form, indicators, evidence_form)
    if refused:
        return refused
    submitting = "submit" in request.POST
    touches_evidence = evidence_form is not None or "remove_evidence" in request.POST
    if not submitting:
        _say_saved(request, report, saved, quiet=touches_evidence)
    refused = evidence_views.apply_posted(request, saved, evidence_form, indicators)
    if refused:
        return refused
    if submitting:
        return _submit(request, saved)
    anchor = "#evidence" if touches_evidence else ""
    return redirect(evidence_views.edit_url(saved) + anchor)


def _say_saved(request, before, saved, *, quiet: bool = False) -> None:
    """Tell whether a new version was saved; `quiet` says nothing when not."""
    if saved.version != before.version:
        messages.success(
            request,
            _("Draft saved (version %(version)s).") % {"version": saved.version},
        )
    elif not quiet:
        messages.info(
            request,
            _("Nothing changed: the report is still version %(version)s.")
            % {"version": saved.version},
        )


def _as_report(report, form) -> ProgressReport:
    """An unsaved copy of the report holding what the form says."""
    copy = ProgressReport(**{f: getattr(report, f) for f in ("participant", "mandate")})
    for field, value in form.content().items():
        setattr(copy, field, value)
    copy.indicator_values = services.clean_indicator_values(
        report, form.indicator_answers()
    )
    return copy


def _save_report(request, report, form, indicators, evidence_form):
    """(the saved report, None), or (None, the page that says why not)."""
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
        page = render_edit(
            request,
            stale.current,
            fresh,
            indicators,
            evidence_form=evidence_views.not_attached(request, evidence_form),
            status=409,
            unsaved=unsaved,
        )
        return None, page
    except ValidationError as error:
        _attach_errors(form, error)
        page = render_edit(
            request,
            report,
            form,
            indicators,
            evidence_form=evidence_views.not_attached(request, evidence_form),
            status=400,
        )
        return None, page
    return saved, None


def _attach_errors(form, error: ValidationError) -> None:
    by_code = {i.code: indicator_field_name(i) for i in form.indicators}
    attach_errors(form, error, field_for=lambda key: by_code.get(key, key))


def _submit(request, report):
    try:
        services.report_submit(user=request.user, report=report, version=report.version)
    except services.ReportIncomplete:
        # The edit page lists what is missing; the message only points there.
        messages.error(
            request,
            _("Not submitted: complete what is listed under “Before you can submit”."),
        )
        return redirect(f"{evidence_views.edit_url(report)}#missing")
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
