"""Who may upload a workbook, and who may see an upload.

Whether a row may be saved is progress.access.edit_refusal's to say, row by
row (checks.py); these only guard the pages.
"""

from django.http import Http404

from mandates.models import Mandate
from progress.access import edit_refusals
from progress.models import ProgressReport

from .models import SpreadsheetImport


def upload_refusal(user, *, participant, cycle) -> str | None:
    """Why this person may not upload a workbook of the participant's reports
    in the cycle, or None if they may start or edit at least one of them
    (two queries: the mandates, and the person's role on them)."""
    first = None
    edit_refusal = edit_refusals(user, participant)
    for mandate in Mandate.objects.order_by("number"):
        probe = ProgressReport(participant=participant, mandate=mandate)
        probe.cycle = cycle
        refusal = edit_refusal(probe)
        if refusal is None:
            return None
        first = first or refusal
    return first


def import_for_uploader(user, pk: int, *, participant, cycle) -> SpreadsheetImport:
    """The upload, for the person who made it only; 404 for anyone else."""
    found = (
        SpreadsheetImport.objects.filter(
            pk=pk, participant=participant, cycle=cycle, uploaded_by=user
        )
        .select_related("participant", "cycle")
        .first()
    )
    if found is None:
        raise Http404
    return found
