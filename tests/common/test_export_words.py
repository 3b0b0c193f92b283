"""Columns that hold codes: words in XLSX, the codes on a sheet beside them."""

import io
import tracemalloc

import openpyxl

from common.exports import Column, Table, write_table

LEVELS = {"in_progress": "In progress", "initial": "Initial"}
COLUMNS = [
    Column("code", "Code", "Participant."),
    Column("level", "Level", "Implementation level.", choices=LEVELS),
    Column("count", "Count", "A number.", "integer"),
]


def table(rows) -> Table:
    return Table(name="sample", title="Sample", columns=COLUMNS, rows=rows)


def sample_rows(count: int):
    levels = [*LEVELS, "unknown_code", None]
    for number in range(count):
        yield {"code": f"P{number}", "level": levels[number % 4], "count": number}


def written(fmt: str, rows) -> bytes:
    out = io.BytesIO()
    write_table(table(rows), fmt, out)
    return out.getvalue()


def test_xlsx_shows_words_and_keeps_codes_in_the_same_layout():
    book = openpyxl.load_workbook(io.BytesIO(written("xlsx", sample_rows(4))))
    assert book.sheetnames == ["sample", "codes", "columns"]
    words = list(book["sample"].iter_rows(values_only=True))
    codes = list(book["codes"].iter_rows(values_only=True))
    assert words[0] == codes[0] == ("code", "level", "count")
    assert [row[1] for row in words[1:]] == [
        "In progress",
        "Initial",
        "unknown_code",  # a code without words stays as it is
        None,
    ]
    assert [row[1] for row in codes[1:]] == [
        "in_progress",
        "initial",
        "unknown_code",
        None,
    ]
    assert [(r[0], r[2]) for r in words] == [(r[0], r[2]) for r in codes]


def test_csv_and_json_keep_the_codes():
    assert b"in_progress" in written("csv", sample_rows(1))
    assert b"In progress" not in written("json", sample_rows(1))


def test_xlsx_without_coded_columns_has_no_codes_sheet():
    plain = Table(
        name="plain", title="Plain", columns=COLUMNS[:1], rows=[{"code": "A"}]
    )
    out = io.BytesIO()
    write_table(plain, "xlsx", out)
    assert openpyxl.load_workbook(out).sheetnames == ["plain", "columns"]


def peak_bytes(rows: int) -> int:
    tracemalloc.start()
    try:
        written("xlsx", sample_rows(rows))
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_memory_does_not_grow_with_the_rows():
    """Two sheets written in one pass, each spooled to its own file."""
    small, large = peak_bytes(300), peak_bytes(3_000)
    # The workbook's bytes (compressed, about 150 kB at 3,000 rows) are kept in
    # the BytesIO; the rows themselves never are.
    assert large < small + 2**20, (small, large)
