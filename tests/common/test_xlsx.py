"""The portal's XLSX writer: cell types, header style, and no formulas ever."""

import io
import zipfile
from datetime import UTC, date, datetime
from decimal import Decimal

import openpyxl
import pytest

from common.exports import Column, Table, write_table
from common.exports.xlsx import EXCEL_MAX_TEXT

from .test_writers import ATTACKS

COLUMNS = [
    Column("text", "Text", "Free text."),
    Column("number", "Number", "An integer.", "integer"),
    Column("share", "Share", "A number.", "number"),
    Column("flag", "Flag", "Yes or no.", "boolean"),
    Column("day", "Day", "A date.", "date"),
    Column("at", "At", "A time.", "datetime"),
    Column("value", "Value", "Anything.", "any"),
]
ROW = {
    "text": 'Ley 27.275 <acceso> & "información"',
    "number": -5,
    "share": 12.5,
    "flag": True,
    "day": date(2024, 1, 2),
    "at": datetime(2024, 1, 2, 15, 30, 45, tzinfo=UTC),
    "value": {"a": [1, 2]},
}


def workbook(rows, *, sequences=False, meta=None):
    out = io.BytesIO()
    table = Table(
        name="sample",
        title="Sample",
        columns=COLUMNS,
        rows=rows,
        meta=meta or {},
        sequences=sequences,
    )
    assert write_table(table, "xlsx", out) == len(rows)
    return out.getvalue()


def test_cells_keep_their_types():
    sheet = openpyxl.load_workbook(io.BytesIO(workbook([ROW])))["sample"]
    cells = list(sheet.iter_rows(min_row=2))[0]
    assert [cell.value for cell in cells] == [
        ROW["text"],
        -5,
        12.5,
        True,
        datetime(2024, 1, 2),
        datetime(2024, 1, 2, 15, 30, 45),  # in UTC: Excel has no time zones
        '{"a": [1, 2]}',
    ]
    assert [cell.data_type for cell in cells] == ["s", "n", "n", "b", "d", "d", "s"]
    assert cells[4].number_format == "yyyy\\-mm\\-dd"
    assert cells[5].number_format == "yyyy\\-mm\\-dd\\ hh:mm:ss"


def test_the_header_is_bold_and_frozen():
    sheet = openpyxl.load_workbook(io.BytesIO(workbook([ROW])))["sample"]
    header = list(sheet.iter_rows(max_row=1))[0]
    assert [cell.value for cell in header] == [column.key for column in COLUMNS]
    assert all(cell.font.b for cell in header)
    assert not sheet["A2"].font.b
    assert sheet.freeze_panes == "A2"


def test_text_that_looks_like_a_formula_stays_text():
    rows = [{**ROW, "text": attack, "value": attack} for attack in ATTACKS]
    data = workbook(rows)
    sheet = openpyxl.load_workbook(io.BytesIO(data))["sample"]
    texts = [row[0] for row in sheet.iter_rows(min_row=2)]
    # \t and \r are whitespace that XML keeps inside the text; the rest as given.
    assert [cell.value.strip() for cell in texts] == [a.strip() for a in ATTACKS]
    assert {cell.data_type for cell in texts} == {"s"}
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        xml = archive.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in xml and "<f " not in xml, "no cell holds a formula"
    assert 't="str"' not in xml, "no cell holds a formula's result"


def test_sequences_edge_values_and_the_columns_sheet():
    long = "x" * (EXCEL_MAX_TEXT + 10)
    rows = [
        ["bell\x07 and\x00 nul", None, Decimal("2.50"), False, None, None, None],
        [long, 10**15, float("nan"), None, None, None, "=1+1"],
    ]
    book = openpyxl.load_workbook(
        io.BytesIO(workbook(rows, sequences=True, meta={"job": 7}))
    )
    first, second = list(book["sample"].iter_rows(min_row=2, values_only=True))
    assert first == ("bell and nul", None, 2.5, False, None, None, None)
    assert second[0] == "x" * EXCEL_MAX_TEXT
    assert second[1:3] == (10**15, "nan")
    assert second[6] == "=1+1"
    about = list(book["columns"].iter_rows(values_only=True))
    assert about[0] == ("key", "label", "type", "description", "codes")
    assert about[1][:3] == ("text", "Text", "string")
    assert about[-1] == ("job", 7, None, None, None)


@pytest.mark.parametrize("count", [0, 1])
def test_an_empty_or_tiny_table_is_a_valid_workbook(count):
    book = openpyxl.load_workbook(io.BytesIO(workbook([ROW] * count)))
    assert book.sheetnames == ["sample", "columns"]
    assert book["sample"].max_row == 1 + count
