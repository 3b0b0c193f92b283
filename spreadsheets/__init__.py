"""The spreadsheet round trip of a participant's reports in a cycle.

    download  workbook.py   one XLSX: a row per mandate, drop-downs, locked rows
    upload    reading.py    file checks, whose workbook it is, the cells as read
    preview   checks.py     per mandate: what would change, every error
    confirm   services.py   each changed row saved through report_update

The layout (columns, keys, the signed identity of a workbook) is in layout.py;
the pending upload between preview and confirm is a SpreadsheetImport
(models.py). Nothing is written before the person confirms, and every row is
checked again then, through the same services as the report form.
"""
