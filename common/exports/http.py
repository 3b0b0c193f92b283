"""Send a table to the browser without building it in memory first."""

import tempfile

from django.http import FileResponse, StreamingHttpResponse

from .tables import Table
from .writers import CONTENT_TYPES, copy_table_csv, csv_chunks, json_chunks, write_xlsx


def table_response(table: Table, fmt: str, filename: str):
    """CSV and JSON stream as they are written; XLSX goes through a temporary
    file, because a zip archive is finished only at its end, and so does a CSV
    that PostgreSQL writes (COPY runs to its end in one call)."""
    name = f"{filename}.{fmt}"
    if fmt == "xlsx" or (fmt == "csv" and table.copy is not None):
        spool = tempfile.TemporaryFile()  # noqa: SIM115 - FileResponse closes it
        if fmt == "xlsx":
            write_xlsx(table, table.rows, spool)
        else:
            copy_table_csv(table, spool)
        spool.seek(0)
        return FileResponse(
            spool, as_attachment=True, filename=name, content_type=CONTENT_TYPES[fmt]
        )
    chunks = csv_chunks(table) if fmt == "csv" else json_chunks(table)
    response = StreamingHttpResponse(chunks, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
