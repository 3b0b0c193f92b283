"""Pages of the reporting workspace and the secretariat's review."""

from .evidence import evidence_add, evidence_download, evidence_remove
from .reminders import reminder_log
from .reports import report_detail, report_edit, report_submit
from .review import review_detail, review_queue
from .workspace import report_start, workspace, workspace_index

__all__ = [
    "workspace",
    "workspace_index",
    "report_start",
    "report_detail",
    "report_edit",
    "report_submit",
    "evidence_add",
    "evidence_remove",
    "evidence_download",
    "review_queue",
    "review_detail",
    "reminder_log",
]
