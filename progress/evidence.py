"""Evidence files and links: what may be uploaded, and who may add or remove it."""

import os

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from .access import edit_refusal
from .models import Evidence, ProgressReport

MAX_BYTES = getattr(settings, "EVIDENCE_MAX_BYTES", 10 * 1024 * 1024)
ZIP = b"PK\x03\x04"
# Extension -> (content type, the bytes such a file starts with, or None for text).
ALLOWED = {
    ".pdf": ("application/pdf", b"%PDF-"),
    ".png": ("image/png", b"\x89PNG\r\n\x1a\n"),
    ".jpg": ("image/jpeg", b"\xff\xd8\xff"),
    ".jpeg": ("image/jpeg", b"\xff\xd8\xff"),
    ".docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ZIP,
    ),
    ".xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ZIP),
    ".odt": ("application/vnd.oasis.opendocument.text", ZIP),
    ".ods": ("application/vnd.oasis.opendocument.spreadsheet", ZIP),
    ".csv": ("text/csv", None),
    ".txt": ("text/plain", None),
}


def check_upload(upload) -> str:
    """The content type of an acceptable upload; ValidationError otherwise.

    The extension must be one we accept and the first bytes must match it, so
    a renamed executable is refused whatever the browser claims.
    """
    extension = os.path.splitext(upload.name)[1].lower()
    if extension not in ALLOWED:
        raise ValidationError(
            _("Files of type %(ext)s are not accepted. Accepted types: %(types)s.")
            % {"ext": extension or "?", "types": ", ".join(sorted(ALLOWED))}
        )
    if upload.size > MAX_BYTES:
        raise ValidationError(
            _("The file is %(size)s MB; the limit is %(limit)s MB.")
            % {
                "size": number_format(upload.size / 1048576, decimal_pos=1),
                "limit": number_format(MAX_BYTES / 1048576, decimal_pos=0),
            }
        )
    if upload.size == 0:
        raise ValidationError(_("The file is empty."))
    content_type, magic = ALLOWED[extension]
    upload.seek(0)
    head = upload.read(2048)
    upload.seek(0)
    if magic is None:
        if b"\x00" in head:
            raise ValidationError(_("This does not look like a text file."))
    elif not head.startswith(magic):
        raise ValidationError(
            _("The file's content does not match its %(ext)s extension.")
            % {"ext": extension}
        )
    return content_type


@transaction.atomic
def evidence_add(
    *, user, report: ProgressReport, title: str, upload=None, url: str = "",
    is_public: bool = True,
) -> Evidence:  # fmt: skip
    refusal = edit_refusal(user, report)
    if refusal:
        raise PermissionDenied(refusal)
    title = (title or "").strip()
    if not title:
        raise ValidationError(_("Give the evidence a title."))
    if bool(upload) == bool(url):
        raise ValidationError(_("Attach a file or give a link, not both."))
    evidence = Evidence(
        report=report, title=title, url=url, is_public=is_public, added_by=user
    )
    if upload:
        evidence.content_type = check_upload(upload)
        evidence.size = upload.size
        evidence.file = upload
    evidence.full_clean(exclude=["file"])
    evidence.save()
    return evidence


@transaction.atomic
def evidence_remove(*, user, evidence: Evidence) -> None:
    refusal = edit_refusal(user, evidence.report)
    if refusal:
        raise PermissionDenied(refusal)
    if evidence.file:
        # Delete the file only once the row is gone for good.
        name, storage = evidence.file.name, evidence.file.storage
        transaction.on_commit(lambda: storage.delete(name))
    evidence.delete()
