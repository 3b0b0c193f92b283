"""Aggregates of published progress, shared by the dashboards, their downloads
and the API, so that the three always agree. Query counts do not grow with the
number of reports: each function runs a fixed handful of queries.

They read the summary tables that a trigger keeps up to date in the
transaction of every publication (progress.aggregates), never the reports:
counts come from PublishedLevelCount (cycle x mandate x level), the matrix from
PublishedLevel (one narrow row per published report)."""

from dataclasses import dataclass, field
from functools import cached_property
from typing import NamedTuple

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Count, Sum
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from accounts.models import Participant
from accounts.selectors import ParticipantRow, participant_rows
from common.statements import fixed_read
from mandates.selectors import mandate_rows, section_labels
from progress.models import (
    ImplementationLevel,
    PublishedLevel,
    PublishedLevelCount,
    ReportingCycle,
)
from progress.selectors import CYCLE_COLUMNS, CycleRow, cycle_rows

LEVELS = list(ImplementationLevel)
SHORT = {
    ImplementationLevel.NOT_STARTED: pgettext_lazy("level, short", "NS"),
    ImplementationLevel.INITIAL: pgettext_lazy("level, short", "IN"),
    ImplementationLevel.IN_PROGRESS: pgettext_lazy("level, short", "IP"),
    ImplementationLevel.ADVANCED: pgettext_lazy("level, short", "AD"),
    ImplementationLevel.COMPLETED: pgettext_lazy("level, short", "CO"),
    ImplementationLevel.NOT_APPLICABLE: pgettext_lazy("level, short", "NA"),
}
NO_SECTION = "none"


def published():
    """Published reports that state a level: what every dashboard counts."""
    return PublishedLevel.objects.exclude(level="")


@fixed_read()
def _dashboard_cycles():
    return (
        ReportingCycle.objects.filter(
            pk__in=PublishedLevelCount.objects.values("cycle_id")
        )
        .order_by("-opens_on")
        .values(*CYCLE_COLUMNS)
    )


def dashboard_cycles() -> list[CycleRow]:
    """Cycles with published progress, newest first (one query)."""
    return cycle_rows(_dashboard_cycles())


# --- Counts of levels ---------------------------------------------------------------


@dataclass
class LevelCount:
    level: str
    label: str
    short: str
    count: int
    percent: float


@dataclass
class Distribution:
    """How many published reports are at each level, for one row of a chart."""

    key: str
    label: str
    counts: dict[str, int] = field(default_factory=dict)

    # Computed once: charts and tables read them several times per row.
    @cached_property
    def total(self) -> int:
        return sum(self.counts.values())

    @cached_property
    def levels(self) -> list[LevelCount]:
        total = self.total
        return [
            LevelCount(
                level.value,
                level.label,
                SHORT[level],
                self.counts.get(level.value, 0),
                round(100 * self.counts.get(level.value, 0) / total, 1) if total else 0,
            )
            for level in LEVELS
        ]


def _tally(rows, key_field: str) -> dict:
    tallies: dict = {}
    for row in rows:
        counts = tallies.setdefault(row[key_field], {})
        counts[row["level"]] = row["n"]
    return tallies


@fixed_read("cycle")
def _section_tallies(cycle):
    return (
        PublishedLevelCount.objects.filter(cycle_id=cycle)
        .values("mandate__section__code", "level")
        .annotate(n=Sum("reports"))
        .order_by()
    )


def section_progress(*, cycle) -> list[Distribution]:
    """Levels of the published reports of a cycle, per section (two queries)."""
    tallies = _tally(_section_tallies(cycle=cycle.pk), "mandate__section__code")
    rows = [
        Distribution(code, label, tallies.get(code, {}))
        for code, label in section_labels()
    ]
    rows.append(
        Distribution(
            NO_SECTION,
            str(_("Mandates not yet placed in a section")),
            tallies.get(None, {}),
        )
    )
    return rows


def mandate_progress(*, mandate) -> list[Distribution]:
    """Levels reported on one mandate, per cycle, newest first (two queries)."""
    return _per_cycle(PublishedLevelCount.objects.filter(mandate=mandate), "reports")


def participant_progress(*, participant) -> list[Distribution]:
    """Levels one participant reported, per cycle, newest first (two queries)."""
    return _per_cycle(published().filter(participant=participant), "pk")


def _per_cycle(rows, counted: str) -> list[Distribution]:
    total = Sum(counted) if counted == "reports" else Count(counted)
    tallies = _tally(
        rows.values("cycle_id", "level").annotate(n=total).order_by(), "cycle_id"
    )
    cycles = ReportingCycle.objects.filter(pk__in=list(tallies)).order_by("-opens_on")
    return [Distribution(str(c.pk), c.name, tallies[c.pk]) for c in cycles]


# --- The matrix -----------------------------------------------------------------------


@dataclass
class MatrixCell:
    level: str
    report_id: int | None = None

    @property
    def label(self) -> str:
        return ImplementationLevel(self.level).label if self.level else ""

    @property
    def short(self) -> str:
        return SHORT[ImplementationLevel(self.level)] if self.level else ""


@dataclass
class MatrixRow:
    participant: ParticipantRow
    cells: list[MatrixCell]


class MandateColumn(NamedTuple):
    id: int
    number: int


@dataclass
class Matrix:
    cycle: CycleRow | None
    mandates: list[MandateColumn]
    rows: list[MatrixRow]


class MatrixFilterForm(forms.Form):
    """The matrix's filters, read the same way by its page, download and API.

    The cycles with published progress are read once (one query) and serve
    the choices, their validation and the default: the latest one.
    """

    cycle = forms.TypedChoiceField(
        label=_("Reporting cycle"), coerce=int, required=False, empty_value=None
    )
    participant_kind = forms.ChoiceField(
        label=_("Participants"),
        choices=[("", _("States and JSWG entities")), *Participant.Kind.choices],
        required=False,
    )
    section = forms.ChoiceField(label=_("Mandates"), required=False)

    def __init__(self, data=None, **kwargs):
        self.cycles = {c.pk: c for c in dashboard_cycles()}
        latest = next(iter(self.cycles), None)
        if data is not None and not data.get("cycle") and latest is not None:
            data = data.copy()  # a QueryDict's copy can be changed
            data["cycle"] = latest
        super().__init__(data, **kwargs)
        self.fields["cycle"].choices = [
            ("", "---------"),
            *((pk, c.name) for pk, c in self.cycles.items()),
        ]
        self.fields["section"].choices = [
            ("", _("All 57 mandates")),
            *section_labels(),
            (NO_SECTION, _("Mandates not yet placed in a section")),
        ]

    def filters(self) -> dict:
        """What level_matrix takes: the cycle (the latest published one by
        default), kind and section; raises ValidationError with the form's
        errors when the query is wrong."""
        if not self.is_valid():
            raise ValidationError(self.errors)
        filters = dict(self.cleaned_data)
        filters["cycle"] = self.cycles.get(filters["cycle"])
        return filters


def matrix_filters(data) -> dict:
    """Cycle (the latest published one by default), kind and section; raises
    ValidationError with the form's errors when the query is wrong."""
    return MatrixFilterForm(data).filters()


def level_matrix(*, cycle, participant_kind: str = "", section: str = "") -> Matrix:
    """Participants by mandates with each published level (three queries)."""
    # The columns need the number only: rows, not 57 models.
    mandates = [
        MandateColumn(row.id, row.number)
        for row in mandate_rows()
        if not section
        or row.section_code == (None if section == NO_SECTION else section)
    ]
    participants = participant_rows(kind=participant_kind or None)
    found = {}
    if cycle is not None:
        cells = published().filter(cycle_id=cycle.pk)
        if section:
            cells = cells.filter(mandate__in=[m.id for m in mandates])
        if participant_kind:
            cells = cells.filter(participant__kind=participant_kind)
        for pk, participant_id, mandate_id, level in cells.values_list(
            "report_id", "participant_id", "mandate_id", "level"
        ):
            found[participant_id, mandate_id] = MatrixCell(level, pk)
    empty = MatrixCell("")  # shared: thousands of cells are empty
    mandate_ids = [m.id for m in mandates]
    rows = [
        MatrixRow(p, [found.get((p.id, m), empty) for m in mandate_ids])
        for p in participants
    ]
    return Matrix(cycle, mandates, rows)


def level_legend() -> list[dict]:
    return [
        {"level": level.value, "label": level.label, "short": SHORT[level]}
        for level in LEVELS
    ]
