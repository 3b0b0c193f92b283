"""CSV, XLSX and JSON writers that hold one row at a time."""

import csv
import io
import json
import re
from collections.abc import Callable, Iterator
from datetime import date, datetime
from decimal import Decimal
from typing import BinaryIO

from django.core.serializers.json import DjangoJSONEncoder

from . import sql, xlsx
from .tables import Table, as_sequences, chunked, reporting

FORMATS = ("csv", "xlsx", "json")
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json",
}
BUFFER = 64 * 1024


def write_table(
    table: Table, fmt: str, out: BinaryIO, *, progress: Callable | None = None
) -> int:
    """Write the table to a binary file; returns the number of rows written."""
    counter = {"rows": 0}

    def count(done: int) -> None:
        counter["rows"] = done
        if progress:
            progress(done)

    if fmt == "csv" and table.copy is not None:
        count(copy_table_csv(table, out))
        return counter["rows"]
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


def copy_table_csv(table: Table, out: BinaryIO) -> int:
    """The header, then the rows as PostgreSQL's COPY writes them (lines end
    with \\n there, so the header's does too)."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow(table.keys)
    out.write(buffer.getvalue().encode())
    return sql.copy_csv(table.copy(), out)


# What csv.writer itself writes as csv_text would (str() of a date is its ISO
# form; not so for a datetime): no call needed for them.
_AS_IS = frozenset({int, float, Decimal, date, type(None)})
CSV_BATCH = 500


def csv_chunks(table: Table, rows=None) -> Iterator[bytes]:
    """The header (column keys) and the rows, in pieces of about 64 kB.

    Rows go to csv.writer by batches; a cell costs a type test, and a call only
    when it needs one (a text that starts like a formula, a date, a boolean)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(table.keys)
    cells = as_sequences(table, table.rows if rows is None else rows)
    for batch in chunked(cells, CSV_BATCH):
        writer.writerows(
            [
                c
                if ((t := type(c)) is str and c[:1] not in _FIRST) or t in _AS_IS
                else csv_text(c)
                for c in row
            ]
            for row in batch
        )
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
    for row in as_sequences(table, table.rows if rows is None else rows):
        text = separator + _dumps(dict(zip(keys, row, strict=True)))
        separator = ",\n"
        parts.append(text)
        size += len(text)
        if size >= BUFFER:
            yield "".join(parts).encode()
            parts, size = [], 0
    parts.append("\n]}\n")
    yield "".join(parts).encode()


# --- XLSX -----------------------------------------------------------------------


def _words(column) -> dict | None:
    """A column's code -> word mapping in the active language, read once."""
    if not column.choices:
        return None
    return {code: str(label) for code, label in column.choices.items()}


def write_xlsx(table: Table, rows, out: BinaryIO) -> None:
    """A data sheet, a sheet that explains each column, and, when some column
    holds codes, the same rows with the codes on a "codes" sheet: people read
    the words, machines the codes. Both sheets are written row by row in one
    pass, each spooled to its own file (common.exports.xlsx)."""
    workbook = xlsx.Workbook()
    keys = table.keys
    data = workbook.add_sheet(table.name[:31] or "data", len(keys))
    words = [_words(column) for column in table.columns]
    coded = [index for index, words_of in enumerate(words) if words_of]
    codes = workbook.add_sheet("codes", len(keys)) if coded else None
    for sheet in filter(None, (data, codes)):
        sheet.header(keys)
    for values in as_sequences(table, rows):
        if codes is not None:
            codes.append(values)
            values = list(values)
            for index in coded:
                value = values[index]
                values[index] = words[index].get(value, value)
        data.append(values)
    _about_sheet(workbook, table, words)
    workbook.save(out)


def _about_sheet(workbook, table: Table, words: list) -> None:
    about = workbook.add_sheet("columns", 5)
    about.header(["key", "label", "type", "description", "codes"])
    for column, words_of in zip(table.columns, words, strict=True):
        about.append(
            [
                column.key,
                column.label,
                column.type,
                column.description,
                "; ".join(f"{code} = {word}" for code, word in words_of.items())
                if words_of
                else None,
            ]
        )
    if table.meta:
        about.append([])
    for key, value in table.meta.items():
        about.append([key, value])
