"""What the portal reminded people of, so that it never does so twice."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from accounts.models import Participant

from .reports import ReportingCycle


class Reminder(models.Model):
    """One reminder email to one focal point at one threshold of a cycle.

    The row is written before its email is queued, and the database allows one
    per threshold: of two beats that reach the same threshold, the one whose
    insert succeeds sends (progress.reminders).
    """

    cycle = models.ForeignKey(
        ReportingCycle,
        on_delete=models.CASCADE,
        related_name="reminders",
        verbose_name=_("reporting cycle"),
    )
    participant = models.ForeignKey(
        Participant,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("participant"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="reminders",
        verbose_name=_("focal point"),
    )
    days_before_due = models.SmallIntegerField(
        _("days before the due date"), help_text=_("Negative after the due date.")
    )
    missing_count = models.PositiveSmallIntegerField(_("reports missing"))
    queued_at = models.DateTimeField(_("queued"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        ordering = ["-queued_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["cycle", "participant", "user", "days_before_due"],
                name="one_reminder_per_threshold",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.participant_id} · {self.days_before_due}"

    @property
    def threshold_label(self) -> str:
        days = self.days_before_due
        if days == 0:
            return str(_("on the due date"))
        if days > 0:
            text = ngettext(
                "%(days)d day before the due date",
                "%(days)d days before the due date",
                days,
            )
        else:
            text = ngettext(
                "%(days)d day after the due date",
                "%(days)d days after the due date",
                -days,
            )
        return text % {"days": abs(days)}


class ReviewDigest(models.Model):
    """The secretariat's daily email of the reports waiting for review: one per
    person and day, recorded before it is queued, as a Reminder is."""

    day = models.DateField(_("day"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="review_digests",
        verbose_name=_("recipient"),
    )
    waiting_count = models.PositiveIntegerField(_("reports waiting"))
    queued_at = models.DateTimeField(_("queued"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("review digest")
        verbose_name_plural = _("review digests")
        ordering = ["-day", "user_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["day", "user"], name="one_review_digest_per_day"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.day} · {self.user}"
