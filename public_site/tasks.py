"""Celery tasks of the public site. They take ids (or nothing) and call services."""

from celery import shared_task


@shared_task(ignore_result=True)
def prune_bulk_files() -> int:
    """Run by Celery beat every hour: bulk files of earlier versions of the data,
    older than BULK_FILE_RETENTION_DAYS."""
    from .opendata import cache

    return cache.bulk_files_prune()
