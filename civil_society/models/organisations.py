"""Organisations, their members, and the invitations that make members."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Participant
from common.models import Invitation

from .limits import DESCRIPTION_LIMIT, REASON_LIMIT


class Organisation(models.Model):
    """A civil-society organisation that applied to write observations."""

    class Status(models.TextChoices):
        APPLIED = "applied", _("Applied")
        APPROVED = "approved", _("Approved")
        DECLINED = "declined", _("Declined")

    name = models.CharField(_("name"), max_length=200)
    scope = models.ForeignKey(
        Participant,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organisations",
        verbose_name=_("country or entity"),
        help_text=_("Leave empty for an organisation that works across the region."),
    )
    website = models.URLField(_("website"), max_length=500)
    contact_name = models.CharField(_("contact person"), max_length=200)
    contact_email = models.EmailField(_("contact email address"))
    description = models.TextField(_("short description"), max_length=DESCRIPTION_LIMIT)
    # The language the application was made in: the contact person's emails.
    language = models.CharField(
        _("language"),
        max_length=5,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
    )
    accepted_code_of_conduct_at = models.DateTimeField(
        _("accepted the code of conduct on")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.APPLIED
    )
    decline_reason = models.TextField(
        _("reason for declining"), max_length=REASON_LIMIT, blank=True
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided on"), null=True, blank=True)
    created_at = models.DateTimeField(_("applied on"), default=timezone.now)

    class Meta:
        verbose_name = _("civil-society organisation")
        verbose_name_plural = _("civil-society organisations")
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(Lower("name"), name="organisation_name_ci_unique"),
            models.CheckConstraint(
                condition=~Q(status="declined") | ~Q(decline_reason=""),
                name="organisation_decline_needs_reason",
                violation_error_message=_("Say why the application is declined."),
            ),
            models.CheckConstraint(
                condition=Q(status="applied") | Q(decided_at__isnull=False),
                name="organisation_decision_has_a_date",
            ),
        ]
        indexes = [models.Index(fields=["status", "created_at"])]

    def __str__(self) -> str:
        return self.name

    @property
    def is_approved(self) -> bool:
        return self.status == self.Status.APPROVED


class Member(models.Model):
    """Makes a person a member of one organisation (never of two)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="organisation_member",
        verbose_name=_("user"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="members",
        verbose_name=_("organisation"),
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("invited by"),
    )
    joined_at = models.DateTimeField(_("joined on"), default=timezone.now)

    class Meta:
        verbose_name = _("member of an organisation")
        verbose_name_plural = _("members of organisations")
        ordering = ["joined_at", "pk"]

    def __str__(self) -> str:
        return f"{self.user} – {self.organisation}"


class MemberInvitation(Invitation):
    """An invitation to join an organisation, by a member or, for the contact
    person of an approved application, by the secretariat.

    As progress.ContributorInvitation: only a hash of the link's secret is
    kept; the link is used once, or cancelled, and stops working at
    expires_at.
    """

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="invitations",
        verbose_name=_("organisation"),
    )

    class Meta(Invitation.Meta):
        verbose_name = _("invitation to an organisation")
        verbose_name_plural = _("invitations to organisations")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(accepted_at__isnull=True) | Q(revoked_at__isnull=True),
                name="member_invitation_accepted_or_cancelled",
            ),
            models.UniqueConstraint(
                fields=["organisation", "email"],
                condition=Q(accepted_at__isnull=True, revoked_at__isnull=True),
                name="one_pending_member_invitation_per_address",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.email} → {self.organisation}"
