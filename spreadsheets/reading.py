"""Reading an uploaded workbook into plain values.

First the file as a whole: an .xlsx within the upload limits, made by the
portal for this participant and cycle from the current template (its signed
About sheet says so), with no formula in its rows. Any of these failing
refuses the file with one message, and nothing is stored. Then the cells of
the reports sheet, as JSON-able values keyed by the columns' machine keys;
what they mean is for checks.py to say.
"""

import math
import os
from dataclasses import dataclass
from datetime import date, datetime, time

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from accounts.models import Participant
from common.uploads import check_upload
from progress.models import ReportingCycle

from . import layout

FORMULAS_NAMED = 10


@dataclass
class ReadWorkbook:
    language: str  # of the drop-down labels in the cells
    generated_at: datetime
    rows: list[dict]  # [{"row": 3, "cells": {key: value}}]


def workbook_read(upload, *, participant, cycle) -> ReadWorkbook:
    """The workbook's rows; ValidationError, with the reason, for a bad file."""
    _check_file(upload)
    try:
        book = load_workbook(upload, read_only=True, data_only=False, keep_links=False)
    except Exception:  # noqa: BLE001 - a damaged file raises anything at all
        raise _cannot_open() from None
    try:
        identity = _identity(book, participant, cycle)
        rows = _rows(_reports_sheet(book))
    except ValidationError:
        raise
    except Exception:  # noqa: BLE001 - the same answer for any damaged part
        raise _cannot_open() from None
    finally:
        book.close()
    return ReadWorkbook(
        identity["language"], datetime.fromisoformat(identity["generated_at"]), rows
    )


def _cannot_open() -> ValidationError:
    return ValidationError(
        _("This file cannot be opened as an Excel workbook (.xlsx)."), code="file"
    )


def _check_file(upload) -> None:
    extension = os.path.splitext(upload.name)[1].lower()
    if extension != ".xlsx":
        raise ValidationError(
            _(
                "Upload the workbook as an .xlsx file, as it was downloaded "
                "(this file is %(ext)s)."
            )
            % {"ext": extension or "?"},
            code="file",
        )
    check_upload(upload)


# --- Whose workbook -------------------------------------------------------------------


def _not_ours() -> ValidationError:
    return ValidationError(
        _(
            "This workbook was not made by the portal, or its hidden sheet "
            "“About” was changed. Download a new workbook from the workspace."
        ),
        code="identity",
    )


def _identity(book, participant, cycle) -> dict:
    if layout.ABOUT_SHEET not in book.sheetnames:
        raise _not_ours()
    facts = {}
    for row in book[layout.ABOUT_SHEET].iter_rows(max_row=20, max_col=2):
        if len(row) == 2 and isinstance(row[0].value, str):
            facts[row[0].value] = row[1].value
    identity = layout.identity_read(facts.get(layout.SIGNATURE))
    if identity is None or identity.get("language") not in dict(settings.LANGUAGES):
        raise _not_ours()
    if identity.get("participant") != participant.code:
        raise _other_participant(identity.get("participant"), participant)
    if identity.get("cycle") != cycle.pk:
        raise _other_cycle(identity.get("cycle"), cycle)
    if identity.get("template") != layout.TEMPLATE_VERSION:
        raise ValidationError(
            _(
                "This workbook was made from another version of the portal's "
                "template (version %(found)s; the portal now uses version "
                "%(current)s). Download a new workbook and copy your answers "
                "into it."
            )
            % {"found": identity.get("template"), "current": layout.TEMPLATE_VERSION},
            code="template",
        )
    return identity


def _other_participant(code, participant) -> ValidationError:
    other = Participant.objects.filter(code=code).first()
    return ValidationError(
        _(
            "This workbook holds the reports of %(other)s, not those of "
            "%(participant)s. Upload it in the workspace of %(other)s, or download "
            "the workbook of %(participant)s."
        )
        % {"other": other.name if other else code, "participant": participant.name},
        code="participant",
    )


def _other_cycle(pk, cycle) -> ValidationError:
    other = (
        ReportingCycle.objects.filter(pk=pk).first() if isinstance(pk, int) else None
    )
    return ValidationError(
        _(
            "This workbook is for the reporting cycle %(other)s, not %(cycle)s. "
            "Download the workbook of %(cycle)s."
        )
        % {"other": other.name if other else pk, "cycle": cycle.name},
        code="cycle",
    )


# --- The cells ------------------------------------------------------------------------


def _reports_sheet(book):
    """The sheet whose hidden first row holds the keys (its title is translated)."""
    for sheet in book.worksheets:
        first = next(sheet.iter_rows(max_row=1, max_col=1, values_only=True), ())
        if first and first[0] == layout.MANDATE:
            return sheet
    raise _changed_template()


def _changed_template() -> ValidationError:
    return ValidationError(
        _(
            "The hidden first row of the sheet of reports was changed, or the "
            "workbook was made from another version of the template. Download a "
            "new workbook and copy your answers into it."
        ),
        code="template",
    )


def _keys(sheet) -> list[str | None]:
    first = sheet.iter_rows(max_row=1, max_col=layout.MAX_COLUMNS + 1, values_only=True)
    keys = list(next(first, ()))
    while keys and keys[-1] is None:
        keys.pop()
    named = [key for key in keys if key is not None]
    known = set(layout.REQUIRED_KEYS) | {layout.NAME, layout.STATUS}
    if (
        len(keys) > layout.MAX_COLUMNS
        or len(named) != len(set(named))
        or not set(layout.REQUIRED_KEYS) <= set(named)
        or any(
            not isinstance(k, str)
            or (k not in known and not k.startswith("indicator:"))
            for k in named
        )
    ):
        raise _changed_template()
    return keys


def _rows(sheet) -> list[dict]:
    keys = _keys(sheet)
    last = layout.FIRST_ROW + layout.MAX_DATA_ROWS - 1
    rows, formulas, characters = [], [], 0
    # One row past the last one read says whether the sheet holds more.
    cells_by_row = sheet.iter_rows(
        min_row=layout.FIRST_ROW, max_row=last + 1, max_col=len(keys)
    )
    for number, cells in enumerate(cells_by_row, start=layout.FIRST_ROW):
        values = [_plain(cell.value) for cell in cells]
        if all(value is None for value in values):
            continue
        characters += sum(len(v) for v in values if isinstance(v, str))
        if characters > layout.MAX_CHARACTERS:
            raise ValidationError(
                _(
                    "This workbook is far too large to hold the reports of a "
                    "cycle; it is refused."
                ),
                code="size",
            )
        if number > last:
            raise ValidationError(
                _(
                    "The sheet of reports has rows below row %(last)s; a workbook "
                    "has one row per mandate. Download a new workbook."
                )
                % {"last": last},
                code="rows",
            )
        formulas += [
            f"{get_column_letter(index)}{number}"
            for index, cell in enumerate(cells, start=1)
            if cell.data_type == "f"
        ]
        rows.append(
            {
                "row": number,
                "cells": {k: v for k, v in zip(keys, values, strict=False) if k},
            }
        )
    if formulas:
        raise _formulas(formulas)
    return rows


def _formulas(cells: list[str]) -> ValidationError:
    named = ", ".join(cells[:FORMULAS_NAMED]) + (
        " …" if len(cells) > FORMULAS_NAMED else ""
    )
    return ValidationError(
        _(
            "These cells hold a formula: %(cells)s. Type the values instead (or "
            "copy the cells and paste them as values), then upload the workbook "
            "again."
        )
        % {"cells": named},
        code="formulas",
    )


def _plain(value):
    """A cell's value as JSON holds it; dates and times as ISO text."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else str(value)
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    return str(value)
