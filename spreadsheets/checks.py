"""What an uploaded workbook would change, mandate by mandate, and what is wrong.

Each row is read as the report form reads its fields: the drop-down labels of
the workbook's language mapped back to values, every indicator answer through
progress.indicators.clean_value. The row is then compared with the report as
it was when the workbook was made (its version, from the history), so that
only what the person changed counts. A row with changes is refused when the
report moved on since (a newer version, started or submitted since) or when
progress.access says this person may not edit it. Messages and column labels
are in the active language, whatever the workbook's.
"""

from dataclasses import dataclass, field
from datetime import datetime

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from mandates.models import Mandate
from progress.access import edit_refusals
from progress.history import Change
from progress.indicators import display_value
from progress.models import ProgressReport
from progress.selectors import workspace_reports

from . import layout
from .values import CellValues, blank, text, whole_number

CHANGED, REFUSED, UNCHANGED = "changed", "refused", "unchanged"


@dataclass
class Problem:
    row: int
    column: str  # the column's label, or "" for the whole row
    message: str


@dataclass
class RowPreview:
    row: int
    mandate: Mandate | None = None
    report: ProgressReport | None = None
    version: int | None = None
    changes: list[Change] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    content: dict = field(default_factory=dict)  # for report_update
    answers: dict = field(default_factory=dict)  # every answer, for report_update

    @property
    def state(self) -> str:
        if self.problems:
            return REFUSED
        return CHANGED if self.changes else UNCHANGED


@dataclass
class Preview:
    rows: list[RowPreview]
    labels: dict[str, str]  # column key -> label

    def having(self, state: str) -> list[RowPreview]:
        return [row for row in self.rows if row.state == state]

    @property
    def problems(self) -> list[Problem]:
        return [problem for row in self.rows for problem in row.problems]

    def summary(self) -> dict[str, int]:
        return {
            state: len(self.having(state)) for state in (CHANGED, REFUSED, UNCHANGED)
        }


def preview_build(*, user, participant, cycle, language, generated_at, rows) -> Preview:
    """Every row of the workbook checked against the reports as they are now."""
    sheet = Sheet(user, participant, cycle, language, generated_at)
    return sheet.preview(rows)


class Sheet:
    """What the rows are checked against, read once for the whole workbook."""

    def __init__(self, user, participant, cycle, language: str, generated_at):
        self.user, self.participant, self.cycle = user, participant, cycle
        self.language, self.generated_at = language, generated_at
        self.mandates = {m.number: m for m in Mandate.objects.with_section()}
        by_pk = {m.pk: m for m in self.mandates.values()}
        own = workspace_reports(user, participant=participant).filter(cycle=cycle)
        self.reports = {}
        for report in own:
            report.participant, report.cycle = participant, cycle
            report.mandate = by_pk[report.mandate_id]
            self.reports[report.mandate_id] = report
        indicators = layout.participant_indicators(participant)
        self.indicators = {i.code: i for i in indicators}
        self.columns = {c.key: c for c in layout.columns(indicators)}
        self.labels = {key: str(c.label) for key, c in self.columns.items()}
        self.values = CellValues(indicators, language)
        # Who may edit which mandate: one query for every row of the workbook.
        self.edit_refusal = edit_refusals(user, participant)

    def preview(self, rows: list[dict]) -> Preview:
        keyed = [self._keys(raw) for raw in rows]
        self.baselines = self._baselines(keyed)
        previews = [
            self._row(row, raw["cells"]) for row, raw in zip(keyed, rows, strict=True)
        ]
        _refuse_duplicates(previews, self.labels[layout.MANDATE])
        return Preview(previews, self.labels)

    def _problem(self, row: RowPreview, key: str, message: str) -> None:
        label = self.labels.get(key, key.removeprefix(layout.INDICATOR))
        row.problems.append(Problem(row.row, label if key else "", message))

    # --- The row's keys: which mandate, which version ---------------------------------

    def _keys(self, raw: dict) -> RowPreview:
        row, cells = RowPreview(raw["row"]), raw["cells"]
        number = whole_number(cells.get(layout.MANDATE))
        row.mandate = self.mandates.get(number)
        if row.mandate is None:
            self._problem(row, layout.MANDATE, self._not_a_mandate(cells))
        version = whole_number(cells.get(layout.VERSION))
        if version is None or version < 0:
            self._problem(row, "", _changed_version())
        else:
            row.version = version
        if row.mandate is not None:
            row.report = self.reports.get(row.mandate.pk)
        return row

    def _not_a_mandate(self, cells) -> str:
        value = cells.get(layout.MANDATE)
        return _(
            "“%(value)s” is not the number of a mandate, so this row is not one "
            "of the reports of %(participant)s. Keep the mandate numbers of the "
            "downloaded workbook."
        ) % {
            "value": "" if value is None else value,
            "participant": self.participant.name,
        }

    def _baselines(self, rows: list[RowPreview]) -> dict:
        """The history record of each version a row was downloaded at, when the
        report has moved on since (one query)."""
        wanted = {
            (row.report.pk, row.version)
            for row in rows
            if row.report and row.version and row.version != row.report.version
        }
        if not wanted:
            return {}
        records = ProgressReport.history.filter(
            id__in={pk for pk, _v in wanted}, version__in={v for _pk, v in wanted}
        ).order_by("id", "version", "history_date", "history_id")
        found = {}
        for record in records:
            found.setdefault((record.id, record.version), record)
        return found

    def _baseline(self, row: RowPreview):
        """The report as it was at the row's version; None for no report then."""
        report = row.report
        if report is None or row.version == 0:
            return None
        if row.version == report.version:
            return report
        return self.baselines.get((report.pk, row.version))

    # --- The row's values -------------------------------------------------------------

    def _row(self, row: RowPreview, cells: dict) -> RowPreview:
        if row.problems:
            return row
        content, problems = self.values.content(cells)
        answers, more = self.values.answers(row.mandate, cells)
        for key, message in problems + more:
            self._problem(row, key, message)
        baseline = self._baseline(row)
        if not row.problems and not _touched(baseline, content, answers):
            return row
        if not row.problems:
            refusal = self._refusal(row)
            if refusal:
                self._problem(row, "", refusal)
        row.content = self._to_save(row, content)
        row.answers = self._all_answers(row, answers)
        row.changes = self._changes(row, content, answers)
        row.changes += self._unread(row, cells, [key for key, _m in problems + more])
        return row

    # --- May the row be saved ---------------------------------------------------------

    def _refusal(self, row: RowPreview) -> str | None:
        report, number = row.report, row.mandate.number
        if report is None:
            if row.version:
                return _changed_version()
            probe = ProgressReport(participant=self.participant, mandate=row.mandate)
            probe.cycle = self.cycle
            return self.edit_refusal(probe)
        if row.version == 0:
            return started_since(number)
        submitted = report.submitted_at
        if (
            not report.is_editable_status
            and submitted
            and submitted > self.generated_at
        ):
            return _(
                "The report on mandate %(number)s was submitted on %(date)s, after "
                "this workbook was made; it can no longer be changed."
            ) % {"number": number, "date": _when(submitted)}
        if row.version != report.version:
            return stale(number, row.version, report.version)
        return self.edit_refusal(report)

    # --- What would be saved, and shown -----------------------------------------------

    def _to_save(self, row: RowPreview, content: dict) -> dict:
        if row.report is None:
            # A report started here is written in the workbook's language.
            return {**content, "language": self.language}
        return content

    def _all_answers(self, row: RowPreview, answers: dict) -> dict:
        """The report's answers with the sheet's over them, as the form sends
        them: every indicator of the mandate, absent ones from the report."""
        current = row.report.indicator_values if row.report else {}
        return {
            i.code: answers[i.code] if i.code in answers else current.get(i.code)
            for i in self.indicators.values()
            if i.mandate_id == row.mandate.pk
        }

    def _changes(self, row: RowPreview, content: dict, answers: dict) -> list[Change]:
        report, changes = row.report, []
        for key in layout.CONTENT_KEYS:
            before = text(getattr(report, key)) if report else ""
            if key in content and content[key] != before:
                changes.append(
                    Change(
                        self.labels[key],
                        self._shown(key, before),
                        self._shown(key, content[key]),
                    )
                )
        current = report.indicator_values if report else {}
        for code, value in answers.items():
            if current.get(code) != value:
                indicator = self.indicators[code]
                changes.append(
                    Change(
                        self.labels[layout.indicator_key(code)],
                        display_value(indicator, current.get(code)),
                        display_value(indicator, value),
                    )
                )
        return changes

    def _unread(self, row: RowPreview, cells: dict, keys: list[str]) -> list[Change]:
        """The cells that could not be read, as they were written: the result
        page shows them, so that nothing the person wrote is lost."""
        unread = []
        for key in dict.fromkeys(keys):
            if not blank(cells.get(key)):
                label = self.labels.get(key, key.removeprefix(layout.INDICATOR))
                unread.append(Change(label, self._now(row, key), text(cells[key])))
        return unread

    def _now(self, row: RowPreview, key: str) -> str:
        report = row.report
        if report is None:
            return ""
        if not key.startswith(layout.INDICATOR):
            return self._shown(key, text(getattr(report, key)))
        indicator = self.indicators.get(key.removeprefix(layout.INDICATOR))
        if indicator is None:
            return ""
        return display_value(indicator, report.indicator_values.get(indicator.code))

    def _shown(self, key: str, value: str) -> str:
        if key == "implementation_level":
            return layout.level_labels().get(value, value)
        if key == "assistance_type":
            return layout.support_labels().get(value, value)
        return value


def _touched(baseline, content: dict, answers: dict) -> bool:
    """Whether the row differs from the report as it was when downloaded."""
    for key, value in content.items():
        if (text(getattr(baseline, key)) if baseline else "") != value:
            return True
    before = (baseline.indicator_values or {}) if baseline else {}
    return any(before.get(code) != value for code, value in answers.items())


def _refuse_duplicates(rows: list[RowPreview], label: str) -> None:
    by_mandate: dict[int, list[RowPreview]] = {}
    for row in rows:
        if row.mandate is not None:
            by_mandate.setdefault(row.mandate.number, []).append(row)
    for number, same in by_mandate.items():
        if len(same) < 2:
            continue
        for row in same:
            others = ", ".join(str(r.row) for r in same if r is not row)
            message = _(
                "Mandate %(number)s is also in row %(rows)s; each mandate has one row."
            ) % {"number": number, "rows": others}
            row.problems.append(Problem(row.row, label, message))


def _changed_version() -> str:
    return _(
        "The hidden version of this row was changed, so the portal cannot tell "
        "what you changed. Download a new workbook."
    )


def stale(number: int, then: int, now: int) -> str:
    return _(
        "Someone saved the report on mandate %(number)s in the portal after this "
        "workbook was made (version %(then)s then, %(now)s now). This row was not "
        "saved, so nothing of theirs is overwritten: download a new workbook, or "
        "make your change in the portal."
    ) % {"number": number, "then": then, "now": now}


def started_since(number: int) -> str:
    return _(
        "Someone started the report on mandate %(number)s in the portal after "
        "this workbook was made. This row was not saved, so nothing of theirs is "
        "overwritten: download a new workbook, or make your change in the portal."
    ) % {"number": number}


def _when(moment: datetime) -> str:
    return date_format(timezone.localtime(moment), "DATETIME_FORMAT")
