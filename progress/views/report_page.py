"""The report's edit page, as every view that answers with it renders it."""

from django.shortcuts import render

from .. import access, selectors
from ..forms import REPORT_FORM_ID, EvidenceForm
from ..models import ProgressReport


def render_edit(
    request,
    report,
    form,
    indicators,
    *,
    evidence_form=None,
    status=200,
    unsaved=(),
):
    """The form page. `evidence_form`, when given, is the bound evidence form
    of a refused addition: its errors stand beside its fields, and what was
    typed stays typed."""
    if evidence_form is None:
        evidence_form = EvidenceForm(form_id=REPORT_FORM_ID)
    return render(
        request,
        "progress/report_form.html",
        {
            "report": report,
            "form": form,
            "form_id": REPORT_FORM_ID,
            "missing": selectors.report_missing(report, indicators),
            "evidence_form": evidence_form,
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
