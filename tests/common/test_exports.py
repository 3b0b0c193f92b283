"""The writers behind every download: one table, the same cells in each format."""

import csv
import io
import json
from datetime import date, datetime, timedelta, timezone

import openpyxl
import pytest

from common.exports import Column, Table, write_table

COLUMNS = [
    Column("name", "Name", "Who."),
    Column("count", "Count", "How many.", type="integer"),
    Column("done", "Done", "Whether it is done.", type="boolean"),
    Column("on", "On", "When.", type="date"),
    Column("at", "At", "The moment, in UTC in a workbook.", type="datetime"),
    Column("answers", "Answers", "By code.", type="any"),
]
LIMA = timezone(timedelta(hours=-5))
ROWS = [
    {
        "name": "Perú",
        "count": 3,
        "done": True,
        "on": date(2030, 1, 31),
        "at": datetime(2030, 1, 31, 19, 30, tzinfo=LIMA),
        "answers": {"T.1": True, "T.2": 12},
    },
    {"name": '=HYPERLINK("http://x","y")', "count": None, "done": False},
]


def written(fmt: str, rows=ROWS, progress=None) -> tuple[bytes, int]:
    table = Table(name="sample", title="Sample", columns=COLUMNS, rows=iter(rows))
    out = io.BytesIO()
    count = write_table(table, fmt, out, progress=progress)
    return out.getvalue(), count


def test_csv_writes_keys_then_plain_text_cells():
    body, count = written("csv")
    header, first, second = csv.reader(io.StringIO(body.decode()))
    assert count == 2
    assert header == [column.key for column in COLUMNS]
    assert first == [
        "Perú",
        "3",
        "true",
        "2030-01-31",
        "2030-01-31T19:30:00-05:00",
        '{"T.1": true, "T.2": 12}',
    ]
    # Text that starts like a formula stays text (OWASP: a leading apostrophe).
    assert second == ['\'=HYPERLINK("http://x","y")', "", "false", "", "", ""]


def test_json_holds_the_columns_and_every_key_of_every_row():
    body, _count = written("json")
    data = json.loads(body)
    assert data["dataset"] == "sample"
    assert [c["key"] for c in data["columns"]] == [c.key for c in COLUMNS]
    assert data["rows"][0]["answers"] == {"T.1": True, "T.2": 12}
    assert data["rows"][1] == {
        "name": '=HYPERLINK("http://x","y")',
        "count": None,
        "done": False,
        "on": None,
        "at": None,
        "answers": None,
    }


def test_xlsx_keeps_types_times_in_utc_and_formula_like_text_as_text():
    body, _count = written("xlsx")
    workbook = openpyxl.load_workbook(io.BytesIO(body))
    sheet = workbook["sample"]
    header, first, second = sheet.iter_rows(values_only=True)
    row = dict(zip(header, first, strict=True))
    assert row["count"] == 3 and row["done"] is True
    assert row["at"] == datetime(2030, 2, 1, 0, 30)  # 19:30 in Lima is 00:30 UTC
    assert json.loads(row["answers"]) == {"T.1": True, "T.2": 12}
    formula_like = sheet.cell(row=3, column=1)
    assert (formula_like.data_type, formula_like.value) == (
        "s",
        '=HYPERLINK("http://x","y")',
    )
    assert second[1:3] == (None, False)
    about = [r[0] for r in workbook["columns"].iter_rows(values_only=True)]
    assert about == ["key", *[column.key for column in COLUMNS]]


def test_progress_is_told_the_rows_written_and_the_count_is_returned():
    seen = []
    rows = [{"name": str(number)} for number in range(1201)]
    _body, count = written("csv", rows=rows, progress=seen.append)
    assert count == 1201
    assert seen == [500, 1000, 1201]


def test_an_unknown_format_is_refused():
    with pytest.raises(ValueError, match="unknown format"):
        written("pdf")
