"""Civil-society organisations, their observations on a participant's work on
a mandate, and the participant's replies.

An organisation applies; the secretariat approves or declines it. Members of
an approved organisation (a role of their own: they never see any
participant's unpublished work) write observations:

    draft --submit--> submitted --publish--> published
      ^                   |
      +---(edit)--- declined <--decline (with a reason the organisation sees)

Once published, the observed participant's focal points may reply. Both an
observation and a reply keep every version, attributed to its author
(django-simple-history records named ObservationVersion and ReplyVersion).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from accounts.models import Participant
from common.models import Audited, FileOrLink
from mandates.models import Mandate
from progress.models import ReportingCycle

# Length limits of what people write (checked by forms and services alike).
DESCRIPTION_LIMIT = 2000
OBSERVATION_LIMIT = 6000
REPLY_LIMIT = 4000
REASON_LIMIT = 2000


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


class MemberInvitation(models.Model):
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

    @property
    def is_pending(self) -> bool:
        return self.accepted_at is None and self.revoked_at is None

    def is_expired(self, now=None) -> bool:
        return (now or timezone.now()) >= self.expires_at


class Assessment(models.TextChoices):
    """The reports' implementation scale (progress.ImplementationLevel, same
    values and words), and the organisation's own way out."""

    NOT_STARTED = "not_started", _("Not started")
    INITIAL = "initial", _("Initial")
    IN_PROGRESS = "in_progress", _("In progress")
    ADVANCED = "advanced", _("Advanced")
    COMPLETED = "completed", _("Completed")
    NOT_APPLICABLE = "not_applicable", _("Not applicable")
    CANNOT_ASSESS = "cannot_assess", _("Cannot assess")


class ObservationQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Observation.Status.PUBLISHED)

    def of_organisation(self, organisation):
        return self.filter(organisation=organisation)

    def with_related(self):
        return self.select_related(
            "organisation", "participant", "mandate__section", "cycle"
        )


class Observation(Audited):
    """What an organisation observed of a participant's work on a mandate in
    a reporting cycle."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        PUBLISHED = "published", _("Published")
        DECLINED = "declined", _("Declined")

    # The organisation may change it until it is submitted, and after a decline.
    EDITABLE = (Status.DRAFT, Status.DECLINED)
    # What its members write; each save of these makes a new version.
    CONTENT_FIELDS = ("assessment", "text", "language")

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="observations",
        verbose_name=_("organisation"),
    )
    participant = models.ForeignKey(
        Participant,
        on_delete=models.PROTECT,
        related_name="observations",
        verbose_name=_("participant"),
    )
    mandate = models.ForeignKey(
        Mandate,
        on_delete=models.PROTECT,
        related_name="observations",
        verbose_name=_("mandate"),
    )
    cycle = models.ForeignKey(
        ReportingCycle,
        on_delete=models.PROTECT,
        related_name="observations",
        verbose_name=_("reporting cycle"),
    )
    assessment = models.CharField(
        _("assessment"), max_length=16, choices=Assessment.choices
    )
    text = models.TextField(
        _("observation"),
        max_length=OBSERVATION_LIMIT,
        help_text=_("What you saw, and your sources."),
    )
    language = models.CharField(
        _("language it is written in"),
        max_length=5,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    decline_reason = models.TextField(
        _("reason for declining"), max_length=REASON_LIMIT, blank=True
    )
    submitted_at = models.DateTimeField(
        pgettext_lazy("date of", "submitted on"), null=True, blank=True
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("submitted by"),
    )
    published_at = models.DateTimeField(
        pgettext_lazy("date of", "published on"), null=True, blank=True
    )
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("moderated by"),
    )

    history = HistoricalRecords(
        custom_model_name="ObservationVersion",
        excluded_fields=["updated_at"],
        cascade_delete_history=False,
    )
    objects = ObservationQuerySet.as_manager()

    class Meta:
        verbose_name = _("observation")
        verbose_name_plural = _("observations")
        ordering = ["cycle", "participant", "mandate__number", "organisation"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "participant", "mandate", "cycle"],
                name="one_observation_per_organisation_report",
            ),
            models.CheckConstraint(
                condition=(Q(status="published") & Q(published_at__isnull=False))
                | (~Q(status="published") & Q(published_at__isnull=True)),
                name="observation_published_at_iff_published",
            ),
            models.CheckConstraint(
                condition=~Q(status="declined") | ~Q(decline_reason=""),
                name="observation_decline_needs_reason",
                violation_error_message=_("Say why the observation is declined."),
            ),
        ]
        indexes = [
            models.Index(fields=["participant", "mandate", "cycle", "status"]),
            models.Index(fields=["status", "submitted_at"]),
        ]

    def __str__(self) -> str:
        return (
            f"{self.organisation} · {self.participant.code} · "
            f"{self.mandate.number} · {self.cycle}"
        )

    @property
    def is_editable_status(self) -> bool:
        return self.status in self.EDITABLE


def document_path(instance: "ObservationDocument", filename: str) -> str:
    return f"observations/{instance.observation_id}/{filename}"


class ObservationDocument(FileOrLink):
    """A file or a link that backs an observation (its sources)."""

    observation = models.ForeignKey(
        Observation,
        on_delete=models.CASCADE,
        related_name="documents",
        verbose_name=_("observation"),
    )
    file = models.FileField(_("file"), upload_to=document_path, blank=True)

    class Meta(FileOrLink.Meta):
        verbose_name = _("source document")
        verbose_name_plural = _("source documents")


class Reply(Audited):
    """The observed participant's reply to a published observation: one per
    observation, written and edited by its focal points."""

    observation = models.OneToOneField(
        Observation,
        on_delete=models.CASCADE,
        related_name="reply",
        verbose_name=_("observation"),
    )
    # created_by/updated_by (Audited) say who first posted and who changed it
    # last; each version's author is its history_user.
    text = models.TextField(_("reply"), max_length=REPLY_LIMIT)
    language = models.CharField(
        _("language it is written in"),
        max_length=5,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
    )

    history = HistoricalRecords(
        custom_model_name="ReplyVersion",
        excluded_fields=["updated_at"],
        cascade_delete_history=False,
    )

    class Meta:
        verbose_name = _("reply")
        verbose_name_plural = _("replies")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{_('Reply')} · {self.observation_id}"
