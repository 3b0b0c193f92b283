"""Cycles, progress reports, their transitions and evidence."""

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from accounts.models import Membership, Participant
from common.models import Audited, FileOrLink
from mandates.models import Mandate

from .contributors import ContributorMandate


class CycleQuerySet(models.QuerySet):
    def open_on(self, day):
        return self.filter(opens_on__lte=day, closes_on__gte=day)

    def started_by(self, day):
        return self.filter(opens_on__lte=day)


class ReportingCycle(models.Model):
    """A period in which every participant reports on the mandates."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    opens_on = models.DateField(_("opens on"))
    due_on = models.DateField(_("due on"))
    closes_on = models.DateField(_("closes on"))

    objects = CycleQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("reporting cycle")
        verbose_name_plural = _("reporting cycles")
        ordering = ["-opens_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(opens_on__lte=models.F("due_on"))
                & Q(due_on__lte=models.F("closes_on")),
                name="cycle_dates_in_order",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def is_open(self, day=None) -> bool:
        day = day or timezone.localdate()
        return self.opens_on <= day <= self.closes_on

    def days_left(self, day=None) -> int:
        day = day or timezone.localdate()
        return (self.due_on - day).days


# Length limits of what people write (checked by the forms, the API and the
# services: common.text.check_lengths): a few pages for each part of a report.
LONG_TEXT = 10_000


class ImplementationLevel(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    INITIAL = "initial", _("Initial")
    IN_PROGRESS = "in_progress", _("In progress")
    ADVANCED = "advanced", _("Advanced")
    COMPLETED = "completed", _("Completed")
    NOT_APPLICABLE = "not_applicable", _("Not applicable")


class SupportType(models.TextChoices):
    """Kinds of cooperation: what a state needs and what an entity offers."""

    TRAINING = "training", _("Training")
    TECHNICAL_ASSISTANCE = "technical_assistance", _("Technical assistance")
    TOOLS = "tools", _("Tools and guides")
    FUNDING = "funding", _("Funding")
    EXPERT_EXCHANGE = "expert_exchange", _("Exchange of experts")


class ReportQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=ProgressReport.Status.PUBLISHED)

    def for_cycle(self, cycle):
        return self.filter(cycle=cycle)

    def visible_to(self, user):
        """What a person may read: published reports, plus those of their
        participants (of their mandates only, for a contributor)."""
        if not user.is_authenticated:
            return self.published()
        if user.is_secretariat:
            return self
        return self.filter(Q(status=ProgressReport.Status.PUBLISHED) | _seen_by(user))

    def in_workspace_of(self, user):
        """The reports, in any status, whose unpublished work this person sees
        as a member: all of their participants' as focal point or observer,
        those on the mandates given to them as a contributor."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(_seen_by(user))

    def with_related(self):
        return self.select_related("participant", "mandate__section", "cycle")

    def needing_assistance(self):
        return self.exclude(assistance_description="")


def _seen_by(user) -> Q:
    """Reports whose unpublished work `user` sees as a member (not as the
    secretariat): two EXISTS, so no report is repeated and counts stay flat."""
    whole = Membership.objects.filter(
        user=user,
        participant=OuterRef("participant"),
        role__in=Membership.WHOLE_PARTICIPANT,
    )
    given = ContributorMandate.objects.filter(
        membership__user=user,
        membership__participant=OuterRef("participant"),
        membership__role=Membership.Role.CONTRIBUTOR,
        mandate=OuterRef("mandate"),
    )
    return Q(Exists(whole)) | Q(Exists(given))


class ProgressReport(Audited):
    """What one participant did on one mandate in one reporting cycle."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        RETURNED = "returned", _("Returned for changes")
        VALIDATED = "validated", _("Validated")
        PUBLISHED = "published", _("Published")

    EDITABLE = (Status.DRAFT, Status.RETURNED)
    # What a focal point writes; each save of these makes a new version.
    CONTENT_FIELDS = (
        "implementation_level",
        "actions_taken",
        "results",
        "challenges",
        "next_steps",
        "assistance_type",
        "assistance_description",
        "language",
    )

    participant = models.ForeignKey(
        Participant,
        on_delete=models.PROTECT,
        related_name="reports",
        verbose_name=_("participant"),
    )
    mandate = models.ForeignKey(
        Mandate,
        on_delete=models.PROTECT,
        related_name="reports",
        verbose_name=_("mandate"),
    )
    cycle = models.ForeignKey(
        ReportingCycle,
        on_delete=models.PROTECT,
        related_name="reports",
        verbose_name=_("reporting cycle"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    implementation_level = models.CharField(
        _("implementation level"),
        max_length=16,
        choices=ImplementationLevel.choices,
        blank=True,
    )
    actions_taken = models.TextField(
        _("actions taken"), max_length=LONG_TEXT, blank=True
    )
    results = models.TextField(_("results"), max_length=LONG_TEXT, blank=True)
    challenges = models.TextField(_("challenges"), max_length=LONG_TEXT, blank=True)
    next_steps = models.TextField(_("next steps"), max_length=LONG_TEXT, blank=True)
    # {indicator code: value}; kept in the report row so that each version in
    # the history holds the whole content and two versions can be compared.
    indicator_values = models.JSONField(_("indicator values"), default=dict, blank=True)
    assistance_type = models.CharField(
        _("type of assistance needed"),
        max_length=24,
        choices=SupportType.choices,
        blank=True,
    )
    assistance_description = models.TextField(
        _("technical assistance needed"), max_length=3000, blank=True
    )
    language = models.CharField(
        _("language of the report"),
        max_length=5,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
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

    history = HistoricalRecords(
        excluded_fields=["updated_at"], cascade_delete_history=False
    )
    objects = ReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("progress report")
        verbose_name_plural = _("progress reports")
        ordering = ["cycle", "participant", "mandate__number"]
        constraints = [
            models.UniqueConstraint(
                fields=["participant", "mandate", "cycle"],
                name="one_report_per_participant_mandate_cycle",
            ),
            models.CheckConstraint(
                condition=Q(published_at__isnull=True) | Q(status="published"),
                name="only_published_reports_have_published_at",
            ),
            models.CheckConstraint(
                condition=Q(assistance_type="") | ~Q(assistance_description=""),
                name="assistance_type_needs_a_description",
                violation_error_message=_("Describe the assistance needed."),
            ),
        ]
        indexes = [models.Index(fields=["status", "cycle"])]

    def __str__(self) -> str:
        return f"{self.participant.code} · {self.mandate.number} · {self.cycle}"

    @property
    def is_editable_status(self) -> bool:
        return self.status in self.EDITABLE


class ReportTransition(models.Model):
    """Who moved a report from one state to another, when, and why."""

    report = models.ForeignKey(
        ProgressReport,
        on_delete=models.CASCADE,
        related_name="transitions",
        verbose_name=_("report"),
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("by"),
    )
    from_status = models.CharField(
        _("from"), max_length=10, choices=ProgressReport.Status.choices
    )
    to_status = models.CharField(
        _("to"), max_length=10, choices=ProgressReport.Status.choices
    )
    comment = models.TextField(_("comment"), max_length=5000, blank=True)
    created_at = models.DateTimeField(_("when"), default=timezone.now)

    class Meta:
        verbose_name = _("report transition")
        verbose_name_plural = _("report transitions")
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(to_status="returned") | ~Q(comment=""),
                name="return_needs_comment",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.report_id}: {self.from_status} → {self.to_status}"


def evidence_path(instance: "Evidence", filename: str) -> str:
    report = instance.report
    return (
        f"evidence/{report.cycle_id}/{report.participant.code}/{report.pk}/{filename}"
    )


class Evidence(FileOrLink):
    """A file or a link that backs a report; private ones stay out of public view."""

    report = models.ForeignKey(
        ProgressReport,
        on_delete=models.CASCADE,
        related_name="evidence",
        verbose_name=_("report"),
    )
    file = models.FileField(_("file"), upload_to=evidence_path, blank=True)
    is_public = models.BooleanField(
        _("public"),
        default=True,
        help_text=_("Public evidence is shown with the published report."),
    )

    class Meta(FileOrLink.Meta):
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
