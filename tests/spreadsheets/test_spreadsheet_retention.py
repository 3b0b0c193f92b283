"""Uploaded workbooks are deleted after SPREADSHEET_UPLOAD_RETENTION_DAYS, by
the hourly beat task, on the real worker."""

import time
from datetime import timedelta

import pytest
from django.utils import timezone

from spreadsheets.models import SpreadsheetImport
from spreadsheets.services import spreadsheet_imports_prune
from spreadsheets.tasks import prune_spreadsheet_uploads

pytestmark = pytest.mark.django_db


@pytest.fixture
def uploads(focal, participant, cycle):
    """Uploads made 31 days ago (one confirmed, one not) and one 29 days ago."""

    def upload(days_ago: int, applied: bool = False) -> SpreadsheetImport:
        made = timezone.now() - timedelta(days=days_ago)
        found = SpreadsheetImport.objects.create(
            participant=participant,
            cycle=cycle,
            uploaded_by=focal,
            file_name=f"{days_ago}.xlsx",
            language="en",
            generated_at=made,
            applied_at=made if applied else None,
            result={"saved": [], "refused": [], "unchanged": 0} if applied else None,
        )
        SpreadsheetImport.objects.filter(pk=found.pk).update(created_at=made)
        return found

    return {"old": upload(31), "applied": upload(31, applied=True), "new": upload(29)}


def kept() -> set[str]:
    return set(SpreadsheetImport.objects.values_list("file_name", flat=True))


def test_uploads_older_than_the_retention_are_deleted(
    client, focal, participant, cycle, uploads, settings
):
    settings.SPREADSHEET_UPLOAD_RETENTION_DAYS = 30
    assert spreadsheet_imports_prune() == 2
    assert kept() == {"29.xlsx"}
    client.force_login(focal)
    base = f"/en/workspace/{participant.code}/cycles/{cycle.pk}/spreadsheet"
    assert client.get(f"{base}/{uploads['applied'].pk}/").status_code == 404
    assert client.post(f"{base}/{uploads['old'].pk}/confirm/").status_code == 404
    assert client.get(f"{base}/{uploads['new'].pk}/").status_code == 200


def test_zero_days_keeps_every_upload(uploads, settings):
    settings.SPREADSHEET_UPLOAD_RETENTION_DAYS = 0
    assert spreadsheet_imports_prune() == 0
    assert kept() == {"31.xlsx", "29.xlsx"} and SpreadsheetImport.objects.count() == 3


@pytest.mark.django_db(transaction=True)
def test_the_beat_task_prunes_on_the_worker(live_worker, reference_data, uploads):
    prune_spreadsheet_uploads.delay()
    deadline = time.monotonic() + 20
    while SpreadsheetImport.objects.count() > 1:
        assert time.monotonic() < deadline, "the worker did not prune in time"
        time.sleep(0.1)
    assert kept() == {"29.xlsx"}


def test_the_beat_schedule_runs_it_hourly(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["prune-spreadsheet-uploads"]
    assert entry == {
        "task": "spreadsheets.tasks.prune_spreadsheet_uploads",
        "schedule": 3600.0,
    }
