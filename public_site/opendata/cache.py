"""The bulk XLSX files, kept in the default storage until the data changes.

CSV and JSON stream at hundreds of thousands of rows per second, but a zip
archive of 400,000 rows takes openpyxl tens of seconds: too long to make anew
for every visitor. Published reports never change, so the count of published
reports and the time of the latest publication identify a version of the data.
"""

import tempfile

from django.core.files import File
from django.core.files.storage import default_storage
from django.db.models import Count, Max
from django.utils.translation import get_language

from common.exports.writers import write_xlsx

from .datasets import DATASETS, published_reports


def data_version() -> str:
    figures = (
        published_reports()
        .order_by()
        .aggregate(count=Count("pk"), latest=Max("published_at"))
    )
    latest = figures["latest"].strftime("%Y%m%d%H%M%S%f") if figures["latest"] else 0
    return f"{figures['count']}-{latest}"


def bulk_xlsx(dataset: str) -> str:
    """The storage name of the current bulk XLSX file, made if missing."""
    name = f"opendata/{dataset}-{get_language()}-{data_version()}.xlsx"
    if not default_storage.exists(name):
        table = DATASETS[dataset].table()
        with tempfile.TemporaryFile() as spool:
            write_xlsx(table, table.rows, spool)
            spool.seek(0)
            # Two first visitors may both make it; the second one's copy gets
            # another name, and the first name is the one served afterwards.
            default_storage.save(name, File(spool))
    return name
