"""Abstract models shared by the apps (no tables of their own here)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class FileOrLink(models.Model):
    """A document attached to a record: an uploaded file or a link, never both.

    Subclasses name what the document belongs to and give `file` its
    upload_to; uploads are checked by common.uploads.check_upload.
    """

    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), blank=True)
    url = models.URLField(_("link"), max_length=500, blank=True)
    content_type = models.CharField(_("content type"), max_length=100, blank=True)
    size = models.PositiveBigIntegerField(_("size in bytes"), default=0)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("added by"),
    )
    added_at = models.DateTimeField(_("added"), auto_now_add=True)

    class Meta:
        abstract = True
        ordering = ["added_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(file="") & ~Q(url="")) | (~Q(file="") & Q(url="")),
                name="%(app_label)s_%(class)s_file_or_link",
                violation_error_message=_("Attach a file or give a link, not both."),
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Tracked(models.Model):
    """Who created and last changed a record, and when."""

    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("updated by"),
    )

    class Meta:
        abstract = True


class Audited(Tracked):
    """A tracked record with a version: the optimistic lock.

    A save names the version the person's form was based on, and
    common.locking refuses it if the record moved on since.
    """

    version = models.PositiveIntegerField(_("version"), default=1)

    class Meta:
        abstract = True

    def mark_changed(self, user) -> None:
        """One more version, made by `user` (saved by the caller)."""
        self.version += 1
        self.updated_by = user


class Invitation(models.Model):
    """An emailed invitation whose link is used once (common.invitations).

    Only a hash of the link's secret is kept: the emailed link is the one copy.
    An invitation is accepted once (accepted_at), or cancelled (revoked_at),
    and stops working at expires_at. Concrete models add what the invitation
    is to (a participant's mandates, an organisation) and their constraints.
    """

    email = models.EmailField(_("email address"))
    token_hash = models.CharField(max_length=64, editable=False)
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("invited by"),
    )
    created_at = models.DateTimeField(_("invited on"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires on"))
    accepted_at = models.DateTimeField(_("accepted on"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("accepted by"),
    )
    revoked_at = models.DateTimeField(_("cancelled on"), null=True, blank=True)

    class Meta:
        abstract = True

    @property
    def is_pending(self) -> bool:
        return self.accepted_at is None and self.revoked_at is None

    def is_expired(self, now=None) -> bool:
        return (now or timezone.now()) >= self.expires_at
