"""Observations on a participant's work on a mandate, their source documents,
and the participant's replies."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from accounts.models import Participant
from common.models import Audited, FileOrLink
from mandates.models import Mandate
from progress.models import ReportingCycle

from .limits import OBSERVATION_LIMIT, REASON_LIMIT, REPLY_LIMIT
from .organisations import Organisation


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
