"""Pages of the reporting workspace, the secretariat's review and the public site."""

from .public import mandate_detail, participant_detail
from .reports import (
    evidence_add,
    evidence_download,
    evidence_remove,
    report_detail,
    report_edit,
    report_submit,
)
from .review import review_detail, review_queue
from .workspace import dashboard, report_start, workspace

__all__ = [
    "workspace",
    "dashboard",
    "report_start",
    "report_detail",
    "report_edit",
    "report_submit",
    "evidence_add",
    "evidence_remove",
    "evidence_download",
    "review_queue",
    "review_detail",
    "mandate_detail",
    "participant_detail",
]
