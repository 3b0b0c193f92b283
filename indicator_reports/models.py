"""A report job: one indicator report asked for by the secretariat, run by Celery."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ReportFormat(models.TextChoices):
    CSV = "csv", _("CSV (comma-separated values)")
    XLSX = "xlsx", _("Excel workbook (XLSX)")
    JSON = "json", _("JSON")


class ReportJob(models.Model):
    """What was asked, by whom, how far the worker got, and the file it made.

    A worker holds a job through `lease`: it writes its heartbeat, progress and
    result only while the lease is still its own, so a job that the reaper has
    declared dead is never finished by a worker that comes back to life.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting for a worker")
        RUNNING = "running", _("Running")
        SUCCEEDED = "succeeded", _("Ready")
        FAILED = "failed", _("Failed")
        # Succeeded, and its file was deleted after REPORT_FILE_RETENTION_DAYS.
        EXPIRED = "expired", _("Expired: the file was deleted")

    class Failure(models.TextChoices):
        WORKER_STOPPED = (
            "worker_stopped",
            _("The worker stopped before the report was finished."),
        )
        DATABASE = (
            "database",
            _("The database could not be reached, even after several attempts."),
        )
        NOT_QUEUED = "not_queued", _("The report could not be handed to a worker.")
        INVALID = "invalid", _("The report's parameters are no longer valid.")
        UNEXPECTED = "unexpected", _("An unexpected error stopped the report.")

    kind = models.CharField(_("report"), max_length=40)
    format = models.CharField(_("format"), max_length=4, choices=ReportFormat.choices)
    parameters = models.JSONField(_("parameters"), default=dict, blank=True)
    language = models.CharField(
        _("language"), max_length=5, choices=settings.LANGUAGES, default="en"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("requested by"),
    )
    rerun_of = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reruns",
        verbose_name=_("run again from"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    created_at = models.DateTimeField(_("requested"), default=timezone.now)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    heartbeat_at = models.DateTimeField(_("last heartbeat"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    lease = models.UUIDField(_("lease"), null=True, blank=True, default=None)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    rows_done = models.PositiveIntegerField(_("rows written"), default=0)
    rows_total = models.PositiveIntegerField(_("rows expected"), null=True, blank=True)
    file = models.FileField(_("file"), upload_to="reports/", blank=True, max_length=300)
    size = models.PositiveBigIntegerField(_("size in bytes"), default=0)
    failure = models.CharField(
        _("reason of the failure"), max_length=16, choices=Failure.choices, blank=True
    )
    error = models.TextField(_("error details"), blank=True)

    class Meta:
        verbose_name = _("report job")
        verbose_name_plural = _("report jobs")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="succeeded") | ~Q(file=""),
                name="succeeded_report_job_has_a_file",
            ),
            models.CheckConstraint(
                condition=~Q(status="failed") | ~Q(failure=""),
                name="failed_report_job_says_why",
            ),
        ]
        indexes = [
            models.Index(
                fields=["status", "heartbeat_at"], name="report_job_status_heartbeat"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} #{self.pk}"

    @property
    def is_finished(self) -> bool:
        return self.status in (
            self.Status.SUCCEEDED,
            self.Status.FAILED,
            self.Status.EXPIRED,
        )

    @property
    def percent(self) -> int:
        if self.status == self.Status.SUCCEEDED:
            return 100
        if not self.rows_total:
            return 0
        return min(100, round(100 * self.rows_done / self.rows_total))

    @property
    def download_name(self) -> str:
        stamp = self.created_at.strftime("%Y%m%d-%H%M")
        return f"lima-{self.kind}-{stamp}-{self.pk}.{self.format}"

    @staticmethod
    def new_lease() -> uuid.UUID:
        return uuid.uuid4()
