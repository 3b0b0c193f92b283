"""Writes of the spreadsheet round trip: keeping an upload, applying it.

An upload is read and checked whole, then kept as its cells; nothing of the
reports is written until its uploader confirms. Confirming checks every row
again and saves each changed one through progress.services, as the report
form does, in a savepoint of its own: a refused row writes nothing and the
others are saved. An upload is applied once; confirming again shows the
result of the first time.
"""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from common.locking import StaleVersion
from progress import services as reports

from . import checks
from .access import upload_refusal
from .models import SpreadsheetImport
from .reading import workbook_read


def spreadsheet_import_create(*, user, participant, cycle, upload) -> SpreadsheetImport:
    """Read the uploaded workbook and keep its cells for the preview.

    Raises ValidationError, with one message, for a file that is refused whole;
    the rows are checked by the preview, each time it is shown.
    """
    refusal = upload_refusal(user, participant=participant, cycle=cycle)
    if refusal:
        raise PermissionDenied(refusal)
    read = workbook_read(upload, participant=participant, cycle=cycle)
    return SpreadsheetImport.objects.create(
        participant=participant,
        cycle=cycle,
        uploaded_by=user,
        file_name=upload.name[-255:],
        language=read.language,
        generated_at=read.generated_at,
        rows=read.rows,
    )


def spreadsheet_import_preview(*, user, spreadsheet_import) -> checks.Preview:
    """What the upload would change now, and what is wrong in it."""
    return checks.preview_build(
        user=user,
        participant=spreadsheet_import.participant,
        cycle=spreadsheet_import.cycle,
        language=spreadsheet_import.language,
        generated_at=spreadsheet_import.generated_at,
        rows=spreadsheet_import.rows,
    )


def spreadsheet_imports_prune(*, now=None) -> int:
    """Delete the uploads made more than SPREADSHEET_UPLOAD_RETENTION_DAYS ago,
    confirmed or not (0 keeps them); returns how many. Their cells are a copy
    of a person's workbook, kept only for its preview and its result page,
    which then answer 404. An upload being confirmed is locked: it is deleted
    once that is done."""
    days = settings.SPREADSHEET_UPLOAD_RETENTION_DAYS
    if not days:
        return 0
    before = (now or timezone.now()) - timedelta(days=days)
    deleted, _by_model = SpreadsheetImport.objects.filter(
        created_at__lt=before
    ).delete()
    return deleted


@transaction.atomic
def spreadsheet_import_apply(*, user, spreadsheet_import) -> dict:
    """Save every changed row; the result lists what was saved and refused."""
    upload = (
        SpreadsheetImport.objects.select_for_update(of=("self",))
        .select_related("participant", "cycle")
        .get(pk=spreadsheet_import.pk)
    )
    if upload.uploaded_by_id != user.pk:
        raise PermissionDenied(
            _("Only the person who uploaded this workbook may apply it.")
        )
    if upload.applied_at:
        return upload.result
    preview = spreadsheet_import_preview(user=user, spreadsheet_import=upload)
    result = {"saved": [], "refused": [], "unchanged": len(preview.having("unchanged"))}
    for row in preview.rows:
        if row.state == checks.CHANGED:
            reasons = _save(user, upload, row, preview.labels)
        elif row.state == checks.REFUSED:
            reasons = [_reason(problem) for problem in row.problems]
        else:
            continue
        if reasons:
            result["refused"].append(_refused(row, reasons))
        else:
            result["saved"].append(_saved(row))
    upload.applied_at, upload.result = timezone.now(), result
    upload.save(update_fields=["applied_at", "result"])
    return result


def _save(user, upload, row: checks.RowPreview, labels: dict) -> list[str]:
    """Save one row in a savepoint; the reasons it was refused, if it was."""
    try:
        with transaction.atomic():
            report, version = row.report, row.version
            if report is None:
                report, created = reports.report_start(
                    user=user,
                    participant=upload.participant,
                    mandate=row.mandate,
                    cycle=upload.cycle,
                )
                if not created:
                    return [checks.started_since(row.mandate.number)]
                version = report.version
            row.report = reports.report_update(
                user=user,
                report=report,
                version=version,
                content=row.content,
                indicators=row.answers,
            )
    except StaleVersion as stale:
        return [checks.stale(row.mandate.number, version, stale.current.version)]
    except PermissionDenied as refusal:
        return [str(refusal)]
    except ValidationError as error:
        return _messages(error, labels)
    return []


def _messages(error: ValidationError, labels: dict) -> list[str]:
    """A service's errors, each named by its column (fields or indicator codes)."""
    if not hasattr(error, "error_dict"):
        return list(error.messages)
    named = []
    for key, messages in error.message_dict.items():
        label = labels.get(key) or labels.get(f"indicator:{key}") or ""
        named += [_column_message(label, message) for message in messages]
    return named


def _column_message(label: str, message: str) -> str:
    if not label:
        return message
    return _("%(column)s: %(message)s") % {"column": label, "message": message}


def _reason(problem: checks.Problem) -> str:
    return _column_message(problem.column, problem.message)


def _saved(row: checks.RowPreview) -> dict:
    return {
        "row": row.row,
        "mandate": row.mandate.number,
        "name": str(row.mandate),
        "report": row.report.pk,
        "version": row.report.version,
    }


def _refused(row: checks.RowPreview, reasons: list[str]) -> dict:
    return {
        "row": row.row,
        "mandate": row.mandate.number if row.mandate else None,
        "name": str(row.mandate) if row.mandate else "",
        "reasons": reasons,
        # What the person wrote, so that nothing of it is lost.
        "changes": [[c.label, c.before, c.after] for c in row.changes],
    }
