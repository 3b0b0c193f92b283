"""An uploaded workbook waiting for its uploader to confirm it."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class SpreadsheetImport(models.Model):
    """The cells of an uploaded workbook, as read, until they are applied.

    The cells are kept rather than the file: confirming applies exactly what
    was previewed, without uploading again, and each row is checked again
    against the reports as they are at that moment.
    """

    participant = models.ForeignKey(
        "accounts.Participant",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("participant"),
    )
    cycle = models.ForeignKey(
        "progress.ReportingCycle",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("reporting cycle"),
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    file_name = models.CharField(_("file name"), max_length=255)
    # The language the workbook was made in: its drop-down labels are in it.
    language = models.CharField(_("language"), max_length=5)
    generated_at = models.DateTimeField(_("workbook made on"))
    # [{"row": 3, "cells": {column key: value}}, ...]
    rows = models.JSONField(_("rows"), default=list)
    created_at = models.DateTimeField(_("uploaded on"), auto_now_add=True)
    applied_at = models.DateTimeField(_("applied on"), null=True, blank=True)
    result = models.JSONField(_("result"), null=True, blank=True)

    class Meta:
        verbose_name = _("spreadsheet upload")
        verbose_name_plural = _("spreadsheet uploads")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(applied_at__isnull=True)
                | models.Q(result__isnull=False),
                name="applied_spreadsheet_has_result",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.participant_id} · {self.cycle_id} · {self.file_name}"
