"""Filling and serving the file-or-link documents of common.models.FileOrLink."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import FileResponse, Http404
from django.utils.translation import gettext as _

from .uploads import check_upload


def file_or_link_fill(item, *, title: str, upload=None, url: str = "", user):
    """Check and set a document's title and its file or link; not saved here.

    Raises ValidationError with messages that can be shown as they are, keyed
    by the form field they concern (title, upload, url) where there is one, so
    that a form shows each beside its field.
    """
    title = (title or "").strip()
    if not title:
        raise ValidationError({"title": _("Give the file or link a title.")})
    if bool(upload) == bool(url):
        raise ValidationError(_("Attach a file or give a link, not both."))
    item.title, item.url, item.added_by = title, url or "", user
    if upload:
        try:
            item.content_type = check_upload(upload)
        except ValidationError as error:
            raise ValidationError({"upload": error.messages}) from None
        item.size = upload.size
        item.file = upload
    item.full_clean(exclude=["file"])
    return item


def file_or_link_delete(item) -> None:
    """Delete the row now and its file once the transaction is committed."""
    if item.file:
        name, storage = item.file.name, item.file.storage
        transaction.on_commit(lambda: storage.delete(name))
    item.delete()


def file_response(item) -> FileResponse:
    """The document's file as a download; 404 for a link (nothing to download)."""
    if not item.file:
        raise Http404
    return FileResponse(
        item.file.open("rb"),
        as_attachment=True,
        filename=item.file.name.rsplit("/", 1)[-1],
        content_type=item.content_type or None,
    )
