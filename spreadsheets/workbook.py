"""Writing the reporting workbook of a participant and cycle.

openpyxl in normal mode, not write-only: data validation and sheet protection
need the worksheet objects, and 57 rows are small. Protection and drop-downs
only help the person fill the workbook in; the upload checks every cell again.
"""

import io
from copy import copy
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone
from django.utils.formats import number_format
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, NamedStyle, PatternFill, Protection
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation

from mandates.models import Indicator, Mandate
from progress.access import edit_refusal
from progress.indicators import DECIMALS, MAX_TEXT, number_bounds, shown_number
from progress.models import ProgressReport
from progress.selectors import workspace_reports

from . import layout
from .instructions import instructions

EXCEL_MAX_TEXT = 32767
WRAP = Alignment(wrap_text=True, vertical="top")
# Named styles: a cell takes one by name, far cheaper than setting its fill,
# protection and alignment one by one (thousands of cells).
LOCKED, OPEN, HEADER = "Locked cell", "Answer", "Column heading"
GREY = PatternFill("solid", fgColor="E7E6E6")


def _styles() -> list[NamedStyle]:
    """Made anew for each workbook, which binds them to itself."""
    return [
        NamedStyle(
            LOCKED,
            fill=copy(GREY),
            alignment=WRAP,
            protection=Protection(locked=True),
        ),
        NamedStyle(OPEN, alignment=WRAP, protection=Protection(locked=False)),
        NamedStyle(
            HEADER,
            font=Font(bold=True),
            fill=PatternFill("solid", fgColor="D9E2F3"),
            alignment=WRAP,
            protection=Protection(locked=True),
        ),
    ]


@dataclass
class SheetRow:
    mandate: Mandate
    report: ProgressReport | None
    editable: bool  # by the person the workbook is made for


def sheet_rows(user, *, participant, cycle) -> list[SheetRow]:
    """The 57 mandates with the participant's report in the cycle, if any.

    A row is open only where progress.access lets this person edit the
    report (or start it), so every rule of who may edit what holds here too.
    """
    reports = {
        report.mandate_id: report
        for report in workspace_reports(user, participant=participant).filter(
            cycle=cycle
        )
    }
    rows = []
    for mandate in Mandate.objects.with_section().order_by("number"):
        report = reports.get(mandate.pk)
        probe = report or ProgressReport(participant=participant, mandate=mandate)
        probe.participant, probe.mandate, probe.cycle = participant, mandate, cycle
        rows.append(SheetRow(mandate, report, edit_refusal(user, probe) is None))
    return rows


def file_name(participant, cycle) -> str:
    return f"{participant.code}-{slugify(cycle.name) or cycle.pk}-reports.xlsx"


def workbook_build(*, user, participant, cycle) -> bytes:
    """The XLSX file, in the active language."""
    generated_at = timezone.now()
    indicators = layout.participant_indicators(participant)
    columns = layout.columns(indicators)
    book = Workbook()
    for style in _styles():
        book.add_named_style(style)
    book.active.title = _("Instructions")[:31]
    reports = book.create_sheet(_("Reports")[:31])
    lists = _write_lists(book.create_sheet(layout.LISTS_SHEET), indicators)
    rows = sheet_rows(user, participant=participant, cycle=cycle)
    _write_reports(reports, columns, rows, lists)
    _write_instructions(book.active, participant, cycle, generated_at)
    about = book.create_sheet(layout.ABOUT_SHEET)
    _write_about(about, participant, cycle, generated_at)
    book.properties.title = str(reports.title)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _put(cell, value) -> None:
    """A value into a cell; text people wrote stays text, never a formula."""
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)[:EXCEL_MAX_TEXT]
    cell.value = value
    if isinstance(value, str) and value.startswith("="):
        cell.data_type = "s"


# --- The drop-down lists --------------------------------------------------------------


def _write_lists(sheet, indicators) -> dict[str, str]:
    """Each list in a column of the hidden Lists sheet; its range, by name."""
    lists = {
        "level": list(layout.level_labels().values()),
        "support": list(layout.support_labels().values()),
        "yes_no": list(layout.yes_no_labels().values()),
    }
    for indicator in indicators:
        if indicator.kind == Indicator.Kind.CHOICE:
            lists[indicator.code] = list(layout.choice_labels(indicator).values())
    ranges = {}
    for index, (name, labels) in enumerate(lists.items(), start=1):
        for row, label in enumerate(labels, start=1):
            _put(sheet.cell(row, index), label)
        letter, last = get_column_letter(index), max(len(labels), 1)
        ranges[name] = f"{quote_sheetname(sheet.title)}!${letter}$1:${letter}${last}"
    sheet.sheet_state = "hidden"
    return ranges


class Validations:
    """One data validation per kind of answer (per list for choices)."""

    def __init__(self, sheet, lists: dict[str, str]):
        self.sheet, self.lists, self.made = sheet, lists, {}

    def add(self, column: layout.Column, cell) -> None:
        key = column.indicator.code if column.indicator else column.key
        if key not in self.made:
            self.made[key] = self._make(column)
            if self.made[key] is not None:
                self.sheet.add_data_validation(self.made[key])
        if self.made[key] is not None:
            self.made[key].add(cell)

    def _make(self, column) -> DataValidation | None:
        if column.kind == "level":
            return self._list("level", _("Choose a level from the list."))
        if column.kind == "support":
            return self._list(
                "support", _("Choose a type of assistance from the list.")
            )
        if column.kind == "text":
            return _text_length(layout.text_limit(column.key))
        return self._indicator(column.indicator)

    def _indicator(self, indicator) -> DataValidation | None:
        kind = indicator.kind
        if kind == Indicator.Kind.BOOLEAN:
            return self._list("yes_no", _("Choose Yes or No from the list."))
        if kind == Indicator.Kind.CHOICE:
            return self._list(indicator.code, _("Choose one of the options offered."))
        if kind in (Indicator.Kind.NUMBER, Indicator.Kind.PERCENTAGE):
            # The indicator's own bounds (a count "(0 to 8)") where it has them.
            low, high = number_bounds(indicator)
            rule = _("From %(min)s to %(max)s, with at most %(decimals)s decimals.")
            rule %= {
                "min": shown_number(low),
                "max": shown_number(high),
                "decimals": DECIMALS,
            }
            return _decimal(low, high, rule)
        return _text_length(MAX_TEXT)

    def _list(self, name: str, error: str) -> DataValidation:
        return _validation(type="list", formula1=self.lists[name], error=error)


def _validation(**kwargs) -> DataValidation:
    return DataValidation(
        allow_blank=True,
        showErrorMessage=True,
        errorTitle=_("Not accepted")[:32],
        **{**kwargs, "error": kwargs["error"][:255]},
    )


def _decimal(low: Decimal, high: Decimal, rule: str) -> DataValidation:
    """The report form's bounds; its limit on decimals is for the upload to
    check, as Excel's validation cannot say it."""
    return _validation(
        type="decimal",
        operator="between",
        formula1=format(low.normalize(), "f"),
        formula2=format(high.normalize(), "f"),
        error=rule,
    )


def _text_length(limit: int | None) -> DataValidation | None:
    if not limit:
        return None
    error = _("Keep this text to %(max)s characters.") % {
        "max": number_format(limit, force_grouping=True)
    }
    return _validation(
        type="textLength", operator="lessThanOrEqual", formula1=str(limit), error=error
    )


# --- The sheets -----------------------------------------------------------------------


def _write_reports(sheet, columns, rows: list[SheetRow], lists) -> None:
    _write_header(sheet, columns)
    validations = Validations(sheet, lists)
    for offset, row in enumerate(rows):
        number = layout.FIRST_ROW + offset
        for index, column in enumerate(columns, start=1):
            if column.indicator and column.indicator.mandate_id != row.mandate.pk:
                # Left out: the column's own style greys and locks it, and a
                # workbook of a few hundred cells, not thousands, reads fast.
                continue
            cell = sheet.cell(number, index)
            _put(cell, _value(column, row))
            if row.editable and column.is_answer:
                cell.style = OPEN
                validations.add(column, cell)
            else:
                cell.style = LOCKED
    sheet.row_dimensions[layout.KEY_ROW].hidden = True
    keys = [column.key for column in columns]
    version_letter = get_column_letter(keys.index(layout.VERSION) + 1)
    sheet.column_dimensions[version_letter].hidden = True
    # The mandate, its name and status stay in view while scrolling the answers.
    sheet.freeze_panes = sheet.cell(layout.FIRST_ROW, keys.index(layout.VERSION) + 2)
    # Protected without a password: it keeps hands off the locked cells by
    # mistake; whoever lifts it gains nothing, as the upload checks each cell.
    sheet.protection.sheet = True
    sheet.protection.formatColumns = False
    sheet.protection.formatRows = False


def _write_header(sheet, columns) -> None:
    for index, column in enumerate(columns, start=1):
        sheet.cell(layout.KEY_ROW, index, column.key)
        header = sheet.cell(layout.HEADER_ROW, index)
        _put(header, str(column.label))
        header.style = HEADER
        dimension = sheet.column_dimensions[get_column_letter(index)]
        dimension.width = column.width
        if column.indicator is not None:
            dimension.fill = GREY


def _value(column: layout.Column, row: SheetRow):
    report = row.report
    if column.key == layout.MANDATE:
        return row.mandate.number
    if column.key == layout.NAME:
        return str(row.mandate)
    if column.key == layout.STATUS:
        return report.get_status_display() if report else _("Not started")
    if column.key == layout.VERSION:
        return report.version if report else 0
    if report is None:
        return None
    if column.indicator is not None:
        return _answer(column.indicator, report.indicator_values)
    value = getattr(report, column.key)
    if column.kind == "level":
        return layout.level_labels().get(value)
    if column.kind == "support":
        return layout.support_labels().get(value)
    return value or None


def _answer(indicator: Indicator, values: dict):
    value = values.get(indicator.code)
    if value is None:
        return None
    if indicator.kind == Indicator.Kind.BOOLEAN:
        return layout.yes_no_labels()[bool(value)]
    if indicator.kind == Indicator.Kind.CHOICE:
        return layout.choice_labels(indicator).get(value, value)
    return value


def _write_instructions(sheet, participant, cycle, generated_at) -> None:
    sheet.column_dimensions["A"].width = 110
    for row, (text, is_heading) in enumerate(
        instructions(participant=participant, cycle=cycle, generated_at=generated_at),
        start=1,
    ):
        cell = sheet.cell(row, 1)
        _put(cell, text)
        cell.alignment = WRAP
        if is_heading:
            cell.font = Font(bold=True, size=14 if row == 1 else 11)


def _write_about(sheet, participant, cycle, generated_at) -> None:
    language = get_language()
    facts = [
        ("participant", participant.code),
        ("participant_name", participant.name),
        ("cycle", cycle.pk),
        ("cycle_name", cycle.name),
        ("template", layout.TEMPLATE_VERSION),
        ("language", language),
        ("generated_at", generated_at.isoformat()),
        (
            layout.SIGNATURE,
            layout.identity_sign(
                participant=participant,
                cycle=cycle,
                language=language,
                generated_at=generated_at,
            ),
        ),
    ]
    for row, (key, value) in enumerate(facts, start=1):
        sheet.cell(row, 1, key)
        _put(sheet.cell(row, 2), value)
    sheet.sheet_state = "hidden"
