"""Old report files and cached bulk files are deleted after a configurable time."""

import io
import os
from datetime import timedelta

import pytest
from django.core.files.storage import default_storage
from django.utils import timezone

from indicator_reports import services
from indicator_reports.models import ReportJob
from indicator_reports.params import ReportParams
from mandates.models import Mandate
from public_site.opendata import cache
from tests.factories import ProgressReportFactory

Job = ReportJob.Status


def finished_report_job(user, days_ago: float) -> ReportJob:
    job = services.report_job_request(
        user=user, kind="needs", fmt="json", params=ReportParams(), language="en"
    )
    services.report_job_run(job_id=job.pk)
    ReportJob.objects.filter(pk=job.pk).update(
        finished_at=timezone.now() - timedelta(days=days_ago)
    )
    job.refresh_from_db()
    assert job.status == Job.SUCCEEDED
    return job


@pytest.mark.django_db
def test_old_report_file_is_deleted_and_the_job_says_it_expired(
    client, secretariat, media, settings
):
    settings.REPORT_FILE_RETENTION_DAYS = 30
    job = finished_report_job(secretariat, days_ago=31)
    name = job.file.name
    assert default_storage.exists(name)
    assert services.report_files_expire() == 1
    job.refresh_from_db()
    assert (job.status, job.file.name) == (Job.EXPIRED, "")
    assert not default_storage.exists(name)
    client.force_login(secretariat)
    download = f"/en/indicator-reports/{job.pk}/download/"
    assert client.get(download).status_code == 404
    page = client.get(f"/en/indicator-reports/{job.pk}/").content.decode()
    assert "Expired: the file was deleted" in page


@pytest.mark.django_db
def test_report_file_within_the_retention_is_kept(secretariat, media, settings):
    settings.REPORT_FILE_RETENTION_DAYS = 30
    job = finished_report_job(secretariat, days_ago=29)
    assert services.report_files_expire() == 0
    job.refresh_from_db()
    assert job.status == Job.SUCCEEDED
    assert default_storage.exists(job.file.name)


@pytest.mark.django_db
def test_zero_days_keeps_report_files(secretariat, media, settings):
    settings.REPORT_FILE_RETENTION_DAYS = 0
    job = finished_report_job(secretariat, days_ago=3650)
    assert services.report_files_expire() == 0
    assert default_storage.exists(job.file.name)


def bulk_file(client, dataset: str = "reports") -> str:
    response = client.get(f"/en/open-data/{dataset}.xlsx")
    assert response.status_code == 200
    b"".join(response.streaming_content)
    return cache.bulk_xlsx(dataset)


def publish_another(cycle) -> None:
    ProgressReportFactory(cycle=cycle, mandate=Mandate.objects.get(number=31))


@pytest.mark.django_db
def test_bulk_files_of_earlier_data_go_after_the_retention(
    client, every_status, media, cycle, settings
):
    settings.BULK_FILE_RETENTION_DAYS = 7
    earlier = bulk_file(client)
    publish_another(cycle)
    current = bulk_file(client)
    assert earlier != current
    soon = timezone.now() + timedelta(days=6)
    assert cache.bulk_files_prune(now=soon) == 0
    later = timezone.now() + timedelta(days=8)
    assert cache.bulk_files_prune(now=later) == 1
    assert not default_storage.exists(earlier)
    assert default_storage.exists(current), "the file of the current data stays"


@pytest.mark.django_db
def test_bulk_files_prune_with_nothing_made_yet(media, settings):
    settings.BULK_FILE_RETENTION_DAYS = 7
    assert cache.bulk_files_prune(now=timezone.now() + timedelta(days=30)) == 0


@pytest.mark.django_db
def test_the_hourly_tasks_delete_both_kinds(
    client, every_status, secretariat, media, cycle, settings
):
    from indicator_reports.tasks import expire_report_files
    from lima_portal.celery import app
    from public_site.tasks import prune_bulk_files

    app.loader.import_default_modules()
    for name, task in [
        ("expire-report-files", expire_report_files),
        ("prune-bulk-files", prune_bulk_files),
    ]:
        entry = settings.CELERY_BEAT_SCHEDULE[name]
        assert entry["task"] == task.name
        assert entry["task"] in app.tasks
    job = finished_report_job(secretariat, days_ago=400)
    earlier = bulk_file(client)
    publish_another(cycle)
    bulk_file(client)
    made_long_ago = (timezone.now() - timedelta(days=400)).timestamp()
    os.utime(media / earlier, (made_long_ago, made_long_ago))
    expire_report_files.apply().get()
    prune_bulk_files.apply().get()
    job.refresh_from_db()
    assert job.status == Job.EXPIRED
    assert not default_storage.exists(earlier)


def made_days_ago(media, name: str, days: float) -> None:
    stamp = (timezone.now() - timedelta(days=days)).timestamp()
    os.utime(media / name, (stamp, stamp))


@pytest.mark.django_db
def test_old_files_that_no_job_names_are_deleted(secretariat, media, settings):
    """A job deleted in the admin, or a worker that stopped after saving its file
    and before recording it, leaves a file that no expiry would ever reach."""
    settings.REPORT_FILE_RETENTION_DAYS = 30
    gone = finished_report_job(secretariat, days_ago=1)
    orphan = gone.file.name
    gone.delete()
    kept = finished_report_job(secretariat, days_ago=1)
    recent_orphan = default_storage.save(f"reports/{kept.pk}/again.json", io.BytesIO())
    for name in (orphan, kept.file.name, recent_orphan):
        made_days_ago(media, name, 31 if name != recent_orphan else 29)
    assert services.report_files_expire() == 1
    assert not default_storage.exists(orphan)
    assert default_storage.exists(recent_orphan), "within the retention: kept"
    kept.refresh_from_db()
    assert kept.status == Job.SUCCEEDED, "its job finished a day ago"
    assert default_storage.exists(kept.file.name)
    settings.REPORT_FILE_RETENTION_DAYS = 0
    made_days_ago(media, recent_orphan, 400)
    assert services.report_files_expire() == 0, "0 keeps every file"
