"""Celery tasks of the spreadsheets app. They call services, imported inside
their body as in the other apps' tasks."""

from celery import shared_task


@shared_task(ignore_result=True)
def prune_spreadsheet_uploads() -> int:
    """Run by Celery beat every hour: uploads older than
    SPREADSHEET_UPLOAD_RETENTION_DAYS."""
    from . import services

    return services.spreadsheet_imports_prune()
