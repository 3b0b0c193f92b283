"""CSV, XLSX and JSON writers that hold one row at a time."""

import csv
import io
import json
import re
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import BinaryIO

from django.core.serializers.json import DjangoJSONEncoder
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from .tables import Table, reporting

FORMATS = ("csv", "xlsx", "json")
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json",
}
BUFFER = 64 * 1024
EXCEL_MAX_TEXT = 32767


def write_table(
    table: Table, fmt: str, out: BinaryIO, *, progress: Callable | None = None
) -> int:
    """Write the table to a binary file; returns the number of rows written."""
    counter = {"rows": 0}

    def count(done: int) -> None:
        counter["rows"] = done
        if progress:
            progress(done)

    rows = reporting(table.rows, count)
    if fmt == "xlsx":
        write_xlsx(table, rows, out)
    elif fmt in ("csv", "json"):
        for chunk in (csv_chunks if fmt == "csv" else json_chunks)(table, rows):
            out.write(chunk)
    else:
        raise ValueError(f"unknown format {fmt!r}")
    return counter["rows"]


# --- CSV ------------------------------------------------------------------------


# A spreadsheet opening a CSV runs a cell that starts with one of these as a
# formula ("=HYPERLINK(...)", "=cmd|..."). As OWASP's "CSV Injection" advises,
# such a text cell gets a leading apostrophe, which makes it plain text. A cell
# that is a plain signed number ("-5", "+3.5") cannot be a formula and is kept.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_FIRST = frozenset(FORMULA_START)
_SIGNED_NUMBER = re.compile(r"[+-][0-9]+(?:\.[0-9]+)?")


def neutralise(text: str) -> str:
    """The text, made harmless for a spreadsheet that opens the CSV."""
    if text.startswith(FORMULA_START) and not _SIGNED_NUMBER.fullmatch(text):
        return "'" + text
    return text


def csv_text(value) -> str:
    if type(value) is str:  # most cells: the fast path first
        return neutralise(value) if value and value[0] in _FIRST else value
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float | Decimal):
        return str(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False, cls=DjangoJSONEncoder)
    return neutralise(str(value))


def csv_chunks(table: Table, rows=None) -> Iterator[bytes]:
    """The header (column keys) and the rows, in pieces of about 64 kB."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    keys = table.keys
    writer.writerow(keys)
    for row in table.rows if rows is None else rows:
        writer.writerow([csv_text(row.get(key)) for key in keys])
        if buffer.tell() >= BUFFER:
            yield buffer.getvalue().encode()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue().encode()


# --- JSON -----------------------------------------------------------------------


def _dumps(value) -> str:
    return json.dumps(value, ensure_ascii=False, cls=DjangoJSONEncoder)


def json_chunks(table: Table, rows=None) -> Iterator[bytes]:
    """One object: what the file is, its columns, then the rows one by one."""
    head = {
        "dataset": table.name,
        "title": str(table.title),
        **table.meta,
        "columns": [
            {"key": c.key, "label": str(c.label), "type": c.type} for c in table.columns
        ],
    }
    yield (_dumps(head)[:-1] + ', "rows": [').encode()
    keys = table.keys
    parts, size, separator = [], 0, "\n"
    for row in table.rows if rows is None else rows:
        text = separator + _dumps({key: row.get(key) for key in keys})
        separator = ",\n"
        parts.append(text)
        size += len(text)
        if size >= BUFFER:
            yield "".join(parts).encode()
            parts, size = [], 0
    parts.append("\n]}\n")
    yield "".join(parts).encode()


# --- XLSX -----------------------------------------------------------------------


def _excel_value(sheet, value):
    if value is None or isinstance(value, bool | int | float | Decimal | date):
        if isinstance(value, datetime) and value.tzinfo is not None:
            # Excel has no time zones: every time in the workbook is in UTC.
            return value.astimezone(UTC).replace(tzinfo=None)
        return value
    if isinstance(value, dict | list):
        value = _dumps(value)
    text = ILLEGAL_CHARACTERS_RE.sub("", str(value))[:EXCEL_MAX_TEXT]
    if text.startswith("="):
        # Text people wrote stays text: never a formula that Excel would run.
        cell = WriteOnlyCell(sheet, value=text)
        cell.data_type = "s"
        return cell
    return text


def _words(column) -> dict | None:
    """A column's code -> word mapping in the active language, read once."""
    if not column.choices:
        return None
    return {code: str(label) for code, label in column.choices.items()}


def write_xlsx(table: Table, rows, out: BinaryIO) -> None:
    """A data sheet, a sheet that explains each column (write-only mode), and,
    when some column holds codes, the same rows with the codes on a "codes"
    sheet: people read the words, machines the codes. Both sheets are written
    row by row in one pass (each write-only sheet spools to its own file)."""
    workbook = Workbook(write_only=True)
    data = workbook.create_sheet(title=table.name[:31] or "data")
    words = [_words(column) for column in table.columns]
    codes = workbook.create_sheet(title="codes") if any(words) else None
    keys = table.keys
    for sheet in filter(None, (data, codes)):
        sheet.append(keys)
    for row in rows:
        values = [row.get(key) for key in keys]
        data.append(
            [
                _excel_value(data, words_of.get(value, value) if words_of else value)
                for words_of, value in zip(words, values, strict=True)
            ]
        )
        if codes is not None:
            codes.append([_excel_value(codes, value) for value in values])
    _about_sheet(workbook, table, words)
    workbook.save(out)


def _about_sheet(workbook, table: Table, words: list) -> None:
    about = workbook.create_sheet(title="columns")
    about.append(["key", "label", "type", "description", "codes"])
    for column, words_of in zip(table.columns, words, strict=True):
        about.append(
            [
                _excel_value(about, column.key),
                _excel_value(about, column.label),
                column.type,
                _excel_value(about, column.description),
                _excel_value(
                    about,
                    "; ".join(f"{code} = {word}" for code, word in words_of.items()),
                )
                if words_of
                else None,
            ]
        )
    if table.meta:
        about.append([])
    for key, value in table.meta.items():
        about.append([_excel_value(about, key), _excel_value(about, value)])
