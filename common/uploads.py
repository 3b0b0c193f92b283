"""What may be uploaded: accepted types, their first bytes, a size limit.

Evidence of reports and attachments of good practices go through the same
check, so a file refused in one place is refused everywhere.
"""

import os

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.formats import number_format
from django.utils.translation import gettext as _

MAX_BYTES = getattr(settings, "UPLOAD_MAX_BYTES", 10 * 1024 * 1024)
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
