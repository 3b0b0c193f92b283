"""Evidence files and links of a report: who may add or remove them."""

from django.core.exceptions import PermissionDenied
from django.db import transaction

from common.files import file_or_link_delete, file_or_link_fill

from .access import edit_refusal
from .models import Evidence, ProgressReport


def _require_editable(user, report: ProgressReport) -> None:
    refusal = edit_refusal(user, report)
    if refusal:
        raise PermissionDenied(refusal)


@transaction.atomic
def evidence_add(
    *, user, report: ProgressReport, title: str, upload=None, url: str = "",
    is_public: bool = True,
) -> Evidence:  # fmt: skip
    _require_editable(user, report)
    evidence = Evidence(report=report, is_public=is_public)
    file_or_link_fill(evidence, title=title, upload=upload, url=url, user=user)
    evidence.save()
    return evidence


@transaction.atomic
def evidence_remove(*, user, evidence: Evidence) -> None:
    _require_editable(user, evidence.report)
    file_or_link_delete(evidence)
