"""Tables written as CSV, XLSX or JSON in constant memory.

A `Table` is a list of `Column`s and an iterator of rows (dicts keyed by column
key). Whoever builds a table streams its rows from the database in chunks; the
writers here hold one batch of rows at most (XLSX: common.exports.xlsx, which
spools each sheet to a temporary file), so memory does not grow with the
number of rows. The secretariat's report jobs, the open-data downloads and the
public lists' downloads all go through these writers.
"""

from .tables import Column, Table
from .writers import CONTENT_TYPES, FORMATS, write_table

__all__ = ["CONTENT_TYPES", "FORMATS", "Column", "Table", "write_table"]
