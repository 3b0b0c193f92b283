"""What may be uploaded: accepted types, their first bytes, a size limit, and
for office documents what is inside them.

Evidence of reports and attachments of good practices go through the same
check, so a file refused in one place is refused everywhere.
"""

import os
import zipfile

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

# --- Office documents: zip containers ---------------------------------------------
# A .docx, .xlsx, .odt or .ods is a zip. Its first bytes say only that, so the
# container is opened: it must hold the parts its format requires, nothing
# that runs, and it must not inflate beyond what a document needs (a "zip
# bomb" of a few kilobytes can inflate to gigabytes).
OOXML_TYPES = "[Content_Types].xml"
REQUIRED_PARTS = {
    ".docx": (OOXML_TYPES, "word/document.xml"),
    ".xlsx": (OOXML_TYPES, "xl/workbook.xml"),
    ".odt": ("mimetype", "content.xml"),
    ".ods": ("mimetype", "content.xml"),
}
ODF_MIMETYPE = {
    ".odt": b"application/vnd.oasis.opendocument.text",
    ".ods": b"application/vnd.oasis.opendocument.spreadsheet",
}
FORBIDDEN_MEMBERS = (
    # Programs and scripts.
    *(".exe", ".dll", ".bat", ".cmd", ".com", ".msi", ".scr", ".js", ".vbs"),
    *(".ps1", ".jar", ".sh", ".app", ".apk", ".cpl", ".hta", ".lnk", ".pif"),
    # Archives nested inside the document, which this check would not open.
    *(".zip", ".rar", ".7z", ".cab", ".tar", ".gz", ".tgz", ".bz2", ".xz", ".iso"),
)
MAX_MEMBERS = 2000
MAX_INFLATED = 100 * 1024 * 1024
MAX_RATIO = 100  # inflated bytes per compressed byte, for a member over RATIO_FROM
RATIO_FROM = 1024 * 1024
CHUNK = 256 * 1024


def _mb(size: int) -> str:
    return number_format(size / 1048576, decimal_pos=0, force_grouping=True)


def _not_a_document(extension: str) -> ValidationError:
    return ValidationError(
        _("This is not a valid %(ext)s document: it cannot be opened.")
        % {"ext": extension}
    )


def _check_members(members: list[zipfile.ZipInfo]) -> None:
    """What the zip's directory declares: count, names, encryption, sizes."""
    if len(members) > MAX_MEMBERS:
        raise ValidationError(
            _("The document holds more than %(max)s parts; it cannot be accepted.")
            % {"max": number_format(MAX_MEMBERS, force_grouping=True)}
        )
    for member in members:
        if member.filename.lower().endswith(FORBIDDEN_MEMBERS):
            raise ValidationError(
                _(
                    "The document contains “%(name)s”, a program or an archive; "
                    "documents with such contents are not accepted."
                )
                % {"name": os.path.basename(member.filename) or member.filename}
            )
        if member.flag_bits & 0x1:
            raise ValidationError(
                _("The document is encrypted; upload it without a password.")
            )
        if member.file_size > RATIO_FROM and member.file_size > MAX_RATIO * max(
            member.compress_size, 1
        ):
            raise _too_large()
    if sum(member.file_size for member in members) > MAX_INFLATED:
        raise _too_large()


def _too_large() -> ValidationError:
    return ValidationError(
        _(
            "The document would take more than %(max)s MB once opened; it cannot "
            "be accepted."
        )
        % {"max": _mb(MAX_INFLATED)}
    )


def _inflate_all(archive: zipfile.ZipFile, members, extension: str) -> None:
    """Inflate every member, never more than MAX_INFLATED bytes in all.

    The sizes the directory declares may lie; reading is what tells. zipfile
    stops a member at its declared size and checks its CRC at the end, so a
    member longer than declared is refused as damaged.
    """
    budget = MAX_INFLATED
    for member in members:
        try:
            with archive.open(member) as stream:
                while chunk := stream.read(min(CHUNK, budget + 1)):
                    budget -= len(chunk)
                    if budget < 0:
                        raise _too_large()
        except (zipfile.BadZipFile, EOFError, OSError, NotImplementedError):
            raise _not_a_document(extension) from None


def _check_required_parts(archive: zipfile.ZipFile, names: set, extension: str):
    missing = [part for part in REQUIRED_PARTS[extension] if part not in names]
    if missing:
        raise _not_a_document(extension)
    if extension in ODF_MIMETYPE:
        with archive.open("mimetype") as stream:
            declared = stream.read(200).strip()
        if declared != ODF_MIMETYPE[extension]:
            raise ValidationError(
                _("The file's content does not match its %(ext)s extension.")
                % {"ext": extension}
            )


def check_office_container(upload, extension: str) -> None:
    """Refuse an office document that is not a sound container of its format."""
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            members = archive.infolist()
            _check_members(members)
            _check_required_parts(archive, {m.filename for m in members}, extension)
            _inflate_all(archive, members, extension)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError):
        raise _not_a_document(extension) from None
    finally:
        upload.seek(0)


# --- Every upload ---------------------------------------------------------------------


def check_upload(upload) -> str:
    """The content type of an acceptable upload; ValidationError otherwise.

    The extension must be one we accept and the first bytes must match it, so
    a renamed executable is refused whatever the browser claims; an office
    document is opened and its contents checked (check_office_container).
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
    if extension in REQUIRED_PARTS:
        check_office_container(upload, extension)
    return content_type
