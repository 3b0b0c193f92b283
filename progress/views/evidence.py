"""Evidence of a report: adding, removing, downloading.

On the edit page the evidence fields and buttons belong to the report form,
so that report_edit saves the draft first and then calls apply_posted: what
the person typed in the report is never lost to an upload. The endpoints
below serve forms that send the evidence alone.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from common.feedback import attach_errors
from common.files import file_response
from common.params import query_int

from .. import access, evidence, selectors
from ..forms import REPORT_FORM_ID, EvidenceForm, ReportForm
from ..indicators import applicable_indicators
from .report_page import render_edit


def edit_url(report) -> str:
    return reverse("progress:report_edit", kwargs={"pk": report.pk})


def apply_posted(request, report, evidence_form, indicators):
    """Add the posted evidence and remove the one asked for, if any; None when
    done, or the edit page that says why the evidence was refused."""
    if evidence_form is not None and not _add(request, report, evidence_form):
        return _refused(request, report, evidence_form, indicators)
    remove = query_int(request.POST, "remove_evidence", low=1)
    if remove is not None:
        _remove(request, get_object_or_404(report.evidence, pk=remove))
    return None


def not_attached(request, evidence_form):
    """The evidence form of a post whose report part was refused: nothing
    was added; a chosen file must be chosen again (no page can keep it)."""
    if evidence_form is None:
        return None
    evidence_form.is_valid()  # its own errors, if any, show too
    if "upload" in request.FILES:
        evidence_form.add_error(
            "upload",
            _("Not attached yet: correct the report, then choose the file again."),
        )
    return evidence_form


def _add(request, report, form) -> bool:
    if not form.is_valid():
        return False
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
        attach_errors(form, error)
        return False
    messages.success(
        request,
        _("Evidence “%(title)s” added.") % {"title": form.cleaned_data["title"]},
    )
    return True


def _refused(request, report, evidence_form, indicators):
    """The edit page with the refused evidence beside its fields (400)."""
    form = ReportForm(
        initial=ReportForm.initial_for(report, indicators), indicators=indicators
    )
    return render_edit(
        request, report, form, indicators, evidence_form=evidence_form, status=400
    )


def _remove(request, item) -> None:
    evidence.evidence_remove(user=request.user, evidence=item)
    messages.success(
        request, _("Evidence “%(title)s” removed.") % {"title": item.title}
    )


def _indicators(report) -> list:
    return list(
        applicable_indicators(mandate=report.mandate, participant=report.participant)
    )


@login_required
@require_POST
def evidence_add(request, pk: int):
    report = access.report_for_editor(request.user, pk)
    form = EvidenceForm(request.POST, request.FILES, form_id=REPORT_FORM_ID)
    if not _add(request, report, form):
        return _refused(request, report, form, _indicators(report))
    return redirect(f"{edit_url(report)}#evidence")


@login_required
@require_POST
def evidence_remove(request, pk: int, evidence_id: int):
    report = access.report_for_editor(request.user, pk)
    _remove(request, get_object_or_404(report.evidence, pk=evidence_id))
    return redirect(f"{edit_url(report)}#evidence")


def evidence_download(request, pk: int, evidence_id: int):
    report = access.report_for_viewer(request.user, pk)
    items = selectors.evidence_visible_to(request.user, report)
    return file_response(get_object_or_404(items, pk=evidence_id))
