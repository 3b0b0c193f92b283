"""The XLSX writer the portal used before common.exports.xlsx (openpyxl's
write-only mode), kept here only as the baseline that bench.export measures the
new writer against, on the same rows and in the same run."""

from datetime import UTC, date, datetime
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from common.exports.tables import as_sequences
from common.exports.writers import _dumps, _words

EXCEL_MAX_TEXT = 32767


def _excel_value(sheet, value):
    if value is None or isinstance(value, bool | int | float | Decimal | date):
        if isinstance(value, datetime) and value.tzinfo is not None:
            return value.astimezone(UTC).replace(tzinfo=None)
        return value
    if isinstance(value, dict | list):
        value = _dumps(value)
    text = ILLEGAL_CHARACTERS_RE.sub("", str(value))[:EXCEL_MAX_TEXT]
    if text.startswith("="):
        cell = WriteOnlyCell(sheet, value=text)
        cell.data_type = "s"
        return cell
    return text


def write_xlsx_openpyxl(table, rows, out) -> int:
    workbook = Workbook(write_only=True)
    data = workbook.create_sheet(title=table.name[:31] or "data")
    words = [_words(column) for column in table.columns]
    codes = workbook.create_sheet(title="codes") if any(words) else None
    for sheet in filter(None, (data, codes)):
        sheet.append(table.keys)
    count = 0
    for values in as_sequences(table, rows):
        count += 1
        data.append(
            [
                _excel_value(data, words_of.get(value, value) if words_of else value)
                for words_of, value in zip(words, values, strict=True)
            ]
        )
        if codes is not None:
            codes.append([_excel_value(codes, value) for value in values])
    about = workbook.create_sheet(title="columns")
    about.append(["key", "label", "type", "description"])
    for column in table.columns:
        about.append(
            [column.key, str(column.label), column.type, str(column.description)]
        )
    workbook.save(out)
    return count
