"""A streaming XLSX writer for tables: rows in, one SpreadsheetML package out.

Why not a library: openpyxl (write-only mode, with or without lxml) and
XlsxWriter (constant_memory) build every cell through several Python calls and
objects, a few microseconds each; a 400,000-row export with a "codes" sheet
beside the data has eight million cells. Here a cell is one f-string, chosen by
the type of its value, and a row is one string; the sheets spool to temporary
files and the zip archive is assembled at the end. bench/export.py measures it
against the openpyxl writer it replaced (5x or more is the target).

What it writes is the small, stable part of the format that every spreadsheet
reads: inline strings (never formulas: a text that starts with "=" stays text),
numbers, booleans, dates and times as serial numbers with a date format, a bold
and frozen header row. tests/common/test_xlsx.py reads the files back with
openpyxl and checks the XML itself.
"""

import json
import math
import re
import tempfile
import zipfile
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import BinaryIO
from xml.sax.saxutils import escape, quoteattr

from django.core.serializers.json import DjangoJSONEncoder

EXCEL_MAX_TEXT = 32767
# Characters XML 1.0 does not allow (openpyxl's ILLEGAL_CHARACTERS_RE): dropped.
ILLEGAL = re.compile(r"[\000-\010]|[\013-\014]|[\016-\037]")
EPOCH = datetime(1899, 12, 30)
EPOCH_DATE = EPOCH.date()
BATCH = 500
COMPRESSION = 1  # zlib level: fast, and XML still shrinks about tenfold

HEADER_STYLE, DATE_STYLE, DATETIME_STYLE = 1, 2, 3
STYLES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy\\-mm\\-dd"/>\
<numFmt numFmtId="165" formatCode="yyyy\\-mm\\-dd\\ hh:mm:ss"/></numFmts>
<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font>\
<font><b/><sz val="11"/><name val="Calibri"/></font></fonts>
<fills count="2"><fill><patternFill patternType="none"/></fill>\
<fill><patternFill patternType="gray125"/></fill></fills>
<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>
<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>\
</cellStyleXfs>
<cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>\
<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>\
<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" \
applyNumberFormat="1"/>\
<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" \
applyNumberFormat="1"/></cellXfs>
<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>
</styleSheet>"""
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
DOC_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
SHEET_HEAD = (
    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    f'<worksheet xmlns="{MAIN}" xmlns:r="{DOC_RELS}">'
    '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" '
    'activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>'
    "<sheetData>"
)
SHEET_TAIL = "</sheetData></worksheet>"


def _letters(count: int) -> list[str]:
    names = []
    for index in range(1, count + 1):
        name = ""
        while index:
            index, rest = divmod(index - 1, 26)
            name = chr(65 + rest) + name
        names.append(name)
    return names


def clean_text(value: str) -> str:
    """Text as XML holds it: no illegal characters, escaped, cut at Excel's limit."""
    if ILLEGAL.search(value):
        value = ILLEGAL.sub("", value)
    if len(value) > EXCEL_MAX_TEXT:
        value = value[:EXCEL_MAX_TEXT]
    return escape(value)


def text_cell(ref: str, value: str, style: str = "") -> str:
    """An inline string: what Excel shows as text and never runs as a formula."""
    return (
        f'<c r="{ref}"{style} t="inlineStr"><is><t xml:space="preserve">'
        f"{clean_text(value)}</t></is></c>"
    )


def _number(ref: str, value) -> str:
    return f'<c r="{ref}"><v>{value}</v></c>'


def _float(ref: str, value: float) -> str:
    if math.isfinite(value):
        return f'<c r="{ref}"><v>{value!r}</v></c>'
    return text_cell(ref, str(value))


def _decimal(ref: str, value: Decimal) -> str:
    return _number(ref, value) if value.is_finite() else text_cell(ref, str(value))


def _boolean(ref: str, value: bool) -> str:
    return f'<c r="{ref}" t="b"><v>{int(value)}</v></c>'


def _date(ref: str, value: date) -> str:
    return f'<c r="{ref}" s="{DATE_STYLE}"><v>{(value - EPOCH_DATE).days}</v></c>'


def _datetime(ref: str, value: datetime) -> str:
    if value.tzinfo is not None:
        # Excel has no time zones: every time in the workbook is in UTC.
        value = value.astimezone(UTC).replace(tzinfo=None)
    serial = (value - EPOCH).total_seconds() / 86400
    return f'<c r="{ref}" s="{DATETIME_STYLE}"><v>{serial!r}</v></c>'


def _other(ref: str, value) -> str:
    if isinstance(value, bool):
        return _boolean(ref, value)
    if isinstance(value, datetime):
        return _datetime(ref, value)
    if isinstance(value, date):
        return _date(ref, value)
    if isinstance(value, int):
        return _number(ref, int(value))
    if isinstance(value, float | Decimal):
        return _float(ref, float(value))
    if isinstance(value, dict | list):
        return text_cell(
            ref, json.dumps(value, ensure_ascii=False, cls=DjangoJSONEncoder)
        )
    return text_cell(ref, str(value))  # lazy translations and the like


CELLS = {
    str: text_cell,
    int: _number,
    float: _float,
    Decimal: _decimal,
    bool: _boolean,
    date: _date,
    datetime: _datetime,
}


class Sheet:
    """One worksheet, spooled row by row to a temporary file."""

    def __init__(self, title: str, width: int):
        self.title = title[:31]
        self.letters = _letters(max(width, 1))
        self.spool = tempfile.TemporaryFile()  # noqa: SIM115 - closed in close()
        self.pending: list[str] = [SHEET_HEAD]
        self.number = 0

    def header(self, values: Sequence[str]) -> None:
        self.number += 1
        n = str(self.number)
        style = f' s="{HEADER_STYLE}"'
        cells = "".join(
            text_cell(letter + n, str(value), style)
            for letter, value in zip(self.letters, values, strict=False)
        )
        self.pending.append(f'<row r="{n}">{cells}</row>')

    def append(self, values: Iterable) -> None:
        self.number += 1
        n = str(self.number)
        cells = []
        add = cells.append
        for letter, value in zip(self.letters, values, strict=False):
            if type(value) is str:
                # Most cells: plain text, written without a call. Text that
                # needs work (markup characters, control characters, too long)
                # goes through clean_text().
                if (
                    "<" in value
                    or "&" in value
                    or ">" in value
                    or not value.isprintable()
                    or len(value) > EXCEL_MAX_TEXT
                ):
                    value = clean_text(value)
                add(
                    f'<c r="{letter}{n}" t="inlineStr"><is><t xml:space="preserve">'
                    f"{value}</t></is></c>"
                )
            elif value is not None:
                add(CELLS.get(type(value), _other)(letter + n, value))
        self.pending.append(f'<row r="{n}">{"".join(cells)}</row>')
        if len(self.pending) >= BATCH:
            self.flush()

    def flush(self) -> None:
        self.spool.write("".join(self.pending).encode())
        self.pending = []

    def finish(self) -> int:
        self.pending.append(SHEET_TAIL)
        self.flush()
        size = self.spool.tell()
        self.spool.seek(0)
        return size

    def close(self) -> None:
        self.spool.close()


class Workbook:
    """Sheets added in order; save() writes the zip archive to `out`."""

    def __init__(self):
        self.sheets: list[Sheet] = []

    def add_sheet(self, title: str, width: int) -> Sheet:
        sheet = Sheet(title, width)
        self.sheets.append(sheet)
        return sheet

    def save(self, out: BinaryIO) -> None:
        try:
            with zipfile.ZipFile(
                out, "w", zipfile.ZIP_DEFLATED, compresslevel=COMPRESSION
            ) as archive:
                for name, text in self._parts():
                    archive.writestr(name, text)
                for index, sheet in enumerate(self.sheets, start=1):
                    info = zipfile.ZipInfo(f"xl/worksheets/sheet{index}.xml")
                    info.compress_type = zipfile.ZIP_DEFLATED
                    info.file_size = sheet.finish()
                    with archive.open(info, "w") as target:
                        while chunk := sheet.spool.read(1 << 20):
                            target.write(chunk)
        finally:
            for sheet in self.sheets:
                sheet.close()

    def _parts(self) -> list[tuple[str, str]]:
        head = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        count = range(1, len(self.sheets) + 1)
        sheet_type = "application/vnd.openxmlformats-officedocument.spreadsheetml"
        types = "".join(
            f'<Override PartName="/xl/worksheets/sheet{i}.xml" '
            f'ContentType="{sheet_type}.worksheet+xml"/>'
            for i in count
        )
        content_types = (
            f"{head}<Types "
            'xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" '
            'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" '
            f'ContentType="{sheet_type}.sheet.main+xml"/>'
            '<Override PartName="/xl/styles.xml" '
            f'ContentType="{sheet_type}.styles+xml"/>{types}</Types>'
        )
        root_rels = (
            f'{head}<Relationships xmlns="{RELS}"><Relationship Id="rId1" '
            f'Type="{DOC_RELS}/officeDocument" Target="xl/workbook.xml"/>'
            "</Relationships>"
        )
        sheets = "".join(
            f'<sheet name={quoteattr(sheet.title)} sheetId="{i}" r:id="rId{i}"/>'
            for i, sheet in zip(count, self.sheets, strict=True)
        )
        workbook = (
            f'{head}<workbook xmlns="{MAIN}" xmlns:r="{DOC_RELS}">'
            f"<sheets>{sheets}</sheets></workbook>"
        )
        rels = "".join(
            f'<Relationship Id="rId{i}" Type="{DOC_RELS}/worksheet" '
            f'Target="worksheets/sheet{i}.xml"/>'
            for i in count
        )
        styles_id = len(self.sheets) + 1
        workbook_rels = (
            f'{head}<Relationships xmlns="{RELS}">{rels}'
            f'<Relationship Id="rId{styles_id}" Type="{DOC_RELS}/styles" '
            'Target="styles.xml"/></Relationships>'
        )
        return [
            ("[Content_Types].xml", content_types),
            ("_rels/.rels", root_rels),
            ("xl/workbook.xml", workbook),
            ("xl/_rels/workbook.xml.rels", workbook_rels),
            ("xl/styles.xml", STYLES),
        ]
