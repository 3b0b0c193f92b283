"""Helpers of the spreadsheet tests: a workbook as a person would handle it.

The workbook is downloaded through the page, opened and filled with openpyxl
(as Excel or LibreOffice would save it), and uploaded through the page.
"""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from spreadsheets import layout


def base_url(participant, cycle, language="en") -> str:
    return f"/{language}/workspace/{participant.code}/cycles/{cycle.pk}/spreadsheet"


def download_url(participant, cycle, language="en") -> str:
    return f"{base_url(participant, cycle, language)}.xlsx"


def upload_url(participant, cycle, language="en") -> str:
    return f"{base_url(participant, cycle, language)}/upload/"


def download(client, participant, cycle, language="en"):
    response = client.get(download_url(participant, cycle, language))
    assert response.status_code == 200, response.status_code
    return load_workbook(io.BytesIO(response.content))


def reports_sheet(book):
    return next(
        sheet for sheet in book.worksheets if sheet.cell(1, 1).value == layout.MANDATE
    )


def column(sheet, key: str) -> int:
    keys = [cell.value for cell in sheet[layout.KEY_ROW]]
    return keys.index(key) + 1


def row(sheet, number: int) -> int:
    mandates = column(sheet, layout.MANDATE)
    for index in range(layout.FIRST_ROW, sheet.max_row + 1):
        if sheet.cell(index, mandates).value == number:
            return index
    raise LookupError(number)


def cell(sheet, number: int, key: str):
    """The cell of mandate `number` in the column of `key`."""
    return sheet.cell(row(sheet, number), column(sheet, key))


def fill(book, number: int, **values):
    """Type values in the row of a mandate; indicator codes as indicator__T_1."""
    sheet = reports_sheet(book)
    for key, value in values.items():
        if key.startswith("indicator__"):
            key = layout.indicator_key(
                key.removeprefix("indicator__").replace("_", ".")
            )
        cell(sheet, number, key).value = value
    return book


def as_file(book, name: str = "reports.xlsx") -> SimpleUploadedFile:
    out = io.BytesIO()
    book.save(out)
    return SimpleUploadedFile(name, out.getvalue())


def upload(client, participant, cycle, file, language="en"):
    return client.post(upload_url(participant, cycle, language), {"workbook": file})
