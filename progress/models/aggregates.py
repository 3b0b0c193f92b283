"""What the public dashboards count, kept up to date as reports are published.

Two summary tables, written by a PostgreSQL trigger on the reports table (see
progress.aggregates for why a trigger) and never by Python code:

- PublishedLevel: one row per published report, the level it states, at the
  grain of the dashboards' matrix (cycle x participant x mandate).
- PublishedLevelCount: how many published reports state each level, per
  cycle x mandate x level. A section's count is the sum over its mandates,
  so moving a mandate to another section needs no upkeep.

Sections, names and kinds are joined when read, so edits of reference data
never leave these tables stale.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.models import Participant
from mandates.models import Mandate

from .reports import ImplementationLevel, ProgressReport, ReportingCycle


class PublishedLevel(models.Model):
    """The level of one published report (blank if it states none)."""

    # DO_NOTHING: the trigger removes the row with its report, in the same
    # statement; Django's collector would add queries to every deletion.
    report = models.OneToOneField(
        ProgressReport,
        on_delete=models.DO_NOTHING,
        primary_key=True,
        related_name="+",
        verbose_name=_("report"),
    )
    cycle = models.ForeignKey(
        ReportingCycle, on_delete=models.DO_NOTHING, related_name="+"
    )
    participant = models.ForeignKey(
        Participant, on_delete=models.DO_NOTHING, related_name="+"
    )
    mandate = models.ForeignKey(Mandate, on_delete=models.DO_NOTHING, related_name="+")
    level = models.CharField(
        _("implementation level"),
        max_length=16,
        choices=ImplementationLevel.choices,
        blank=True,
    )

    class Meta:
        verbose_name = _("published level")
        verbose_name_plural = _("published levels")
        constraints = [
            models.UniqueConstraint(
                fields=["cycle", "participant", "mandate"],
                name="one_published_level_per_cell",
            )
        ]
        indexes = [
            models.Index(fields=["participant", "cycle"]),
            models.Index(fields=["mandate", "cycle"]),
        ]

    def __str__(self) -> str:
        return f"{self.report_id}: {self.level or '-'}"


class PublishedLevelCount(models.Model):
    """How many published reports of a cycle on a mandate state a level."""

    cycle = models.ForeignKey(
        ReportingCycle, on_delete=models.DO_NOTHING, related_name="+"
    )
    mandate = models.ForeignKey(Mandate, on_delete=models.DO_NOTHING, related_name="+")
    level = models.CharField(
        _("implementation level"), max_length=16, choices=ImplementationLevel.choices
    )
    reports = models.PositiveIntegerField(_("published reports"))

    class Meta:
        verbose_name = _("count of published levels")
        verbose_name_plural = _("counts of published levels")
        constraints = [
            models.UniqueConstraint(
                fields=["cycle", "mandate", "level"], name="one_count_per_level"
            ),
            models.CheckConstraint(
                condition=models.Q(reports__gt=0), name="level_counts_are_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.cycle_id} · {self.mandate_id} · {self.level}: {self.reports}"
