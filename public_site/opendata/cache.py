"""The bulk XLSX files, kept in the default storage until the data changes.

CSV and JSON stream as they are written, but a zip archive is finished only at
its end, and one of 400,000 rows takes tens of seconds (bench/export.py): too
long to make anew for every visitor. Published reports never change, so the
count of published reports and the time of the latest publication identify a
version of the data.
Files of earlier versions are deleted BULK_FILE_RETENTION_DAYS after they were
made, by a periodic task.
"""

import logging
import tempfile
from datetime import timedelta

from django.conf import settings
from django.core.files import File
from django.core.files.storage import default_storage
from django.db.models import Count, Max
from django.utils import timezone
from django.utils.translation import get_language

from common.exports.writers import write_xlsx

from .datasets import DATASETS, published_reports

FOLDER = "opendata"
logger = logging.getLogger(__name__)


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
    name = _file_name(dataset, get_language(), data_version())
    if not default_storage.exists(name):
        table = DATASETS[dataset].table()
        with tempfile.TemporaryFile() as spool:
            write_xlsx(table, table.rows, spool)
            spool.seek(0)
            # Two first visitors may both make it; the second one's copy gets
            # another name, and the first name is the one served afterwards.
            default_storage.save(name, File(spool))
    return name


def _file_name(dataset: str, language: str, version: str) -> str:
    return f"{FOLDER}/{dataset}-{language}-{version}.xlsx"


def _current_names() -> set[str]:
    version = data_version()
    return {
        _file_name(dataset, language, version)
        for dataset in DATASETS
        for language, _name in settings.LANGUAGES
    }


def _stored_names() -> list[str]:
    try:
        _folders, files = default_storage.listdir(FOLDER)
    except FileNotFoundError:  # a local folder that nothing was ever saved in
        return []
    return [f"{FOLDER}/{file}" for file in files]


def bulk_files_prune(*, now=None) -> int:
    """Delete the bulk files made more than BULK_FILE_RETENTION_DAYS ago, except
    those of the current data, which are still the ones served."""
    days = settings.BULK_FILE_RETENTION_DAYS
    if not days:
        return 0
    before = (now or timezone.now()) - timedelta(days=days)
    current = _current_names()
    old = [
        name
        for name in _stored_names()
        if name not in current and default_storage.get_modified_time(name) < before
    ]
    for name in old:
        default_storage.delete(name)
    if old:
        logger.info("deleted %s bulk file(s) of earlier data", len(old))
    return len(old)
