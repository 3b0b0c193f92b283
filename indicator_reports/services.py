"""Writes of report jobs: ask for a report, run it, fail it, reap dead ones,
delete old files.

A worker claims a job with a conditional UPDATE that gives it a fresh lease;
every later write (heartbeat, progress, result) names that lease, so a job that
the reaper declared dead, or that another worker took over, is left alone.
"""

import logging
import tempfile
import time
from datetime import timedelta
from functools import partial
from uuid import UUID

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import InterfaceError, OperationalError, transaction
from django.db.models import F, Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.access import require_secretariat
from common import queue
from common.exports import FORMATS, write_table

from . import registry
from .models import ReportJob
from .params import ReportParams
from .tasks import run_report_job

logger = logging.getLogger(__name__)
Status = ReportJob.Status
Failure = ReportJob.Failure
# Errors after which the same job may well succeed if tried again later.
TRANSIENT_ERRORS = (OperationalError, InterfaceError)


class LeaseLost(Exception):
    """The job is no longer this worker's: reaped, or taken over."""


@transaction.atomic
def report_job_request(
    *, user, kind: str, fmt: str, params: ReportParams, language: str
) -> ReportJob:
    """Record the job; a worker gets it once the transaction has committed."""
    require_secretariat(user, _("Only the secretariat runs indicator reports."))
    try:
        registry.get(kind)
    except registry.UnknownReportKind:
        raise ValidationError(_("There is no report of that kind.")) from None
    if fmt not in FORMATS:
        raise ValidationError(_("Choose CSV, XLSX or JSON."))
    job = ReportJob.objects.create(
        kind=kind,
        format=fmt,
        parameters=params.to_json(),
        language=language,
        requested_by=user,
    )
    transaction.on_commit(partial(_enqueue, job.pk))
    return job


@transaction.atomic
def report_job_rerun(*, user, job: ReportJob) -> ReportJob:
    """A new job with the same parameters; the failed one stays as it was."""
    require_secretariat(user, _("Only the secretariat runs indicator reports."))
    if job.status != Status.FAILED:
        raise ValidationError(_("Only a failed report can be run again."))
    again = ReportJob.objects.create(
        kind=job.kind,
        format=job.format,
        parameters=job.parameters,
        language=job.language,
        requested_by=user,
        rerun_of=job,
    )
    transaction.on_commit(partial(_enqueue, again.pk))
    return again


def _enqueue(job_id: int) -> None:
    try:
        queue.send(run_report_job, job_id)
    except queue.QueueUnavailable as error:  # the broker is down or frozen
        logger.exception("could not queue report job %s", job_id)
        report_job_fail(job_id=job_id, failure=Failure.NOT_QUEUED, error=str(error))


# --- Run by the worker -------------------------------------------------------------


def _stale_before(now):
    return now - timedelta(seconds=settings.REPORT_JOB_STALE_SECONDS)


def _claim(job_id: int) -> tuple[ReportJob, UUID] | None:
    """Take a queued job, or a running one whose worker went silent."""
    now, lease = timezone.now(), ReportJob.new_lease()
    claimed = (
        ReportJob.objects.filter(pk=job_id)
        .filter(
            Q(status=Status.QUEUED)
            | Q(status=Status.RUNNING, heartbeat_at__lt=_stale_before(now))
        )
        .update(
            status=Status.RUNNING,
            lease=lease,
            started_at=now,
            heartbeat_at=now,
            attempts=F("attempts") + 1,
            rows_done=0,
        )
    )
    if not claimed:
        return None
    return ReportJob.objects.get(pk=job_id), lease


def _beat(job_id: int, lease: UUID, **fields) -> None:
    updated = ReportJob.objects.filter(
        pk=job_id, lease=lease, status=Status.RUNNING
    ).update(heartbeat_at=timezone.now(), **fields)
    if not updated:
        raise LeaseLost(job_id)


class _Heartbeat:
    """Progress callback: writes rows done and the heartbeat, at most once a
    second, so a large export costs a few hundred small updates."""

    def __init__(self, job_id: int, lease: UUID, every: float = 1.0):
        self.job_id, self.lease, self.every = job_id, lease, every
        self.last = time.monotonic()

    def __call__(self, done: int) -> None:
        if time.monotonic() - self.last >= self.every:
            _beat(self.job_id, self.lease, rows_done=done)
            self.last = time.monotonic()


def report_job_run(*, job_id: int) -> ReportJob | None:
    """Produce the job's file. Returns None when there was nothing to do.

    Transient database errors put the job back in the queue and propagate, so
    that the task retries; any other error fails the job with its reason.
    """
    claim = _claim(job_id)
    if claim is None:
        logger.info("report job %s is not waiting for a worker; skipped", job_id)
        return None
    job, lease = claim
    try:
        with translation.override(job.language):
            _produce(job, lease)
    except LeaseLost:
        logger.warning("report job %s was taken from this worker", job_id)
        return None
    except TRANSIENT_ERRORS:
        ReportJob.objects.filter(pk=job_id, lease=lease).update(
            status=Status.QUEUED, lease=None
        )
        raise
    except (registry.UnknownReportKind, ValidationError) as error:
        report_job_fail(
            job_id=job_id, failure=Failure.INVALID, error=repr(error), lease=lease
        )
    except Exception as error:
        logger.exception("report job %s failed", job_id)
        report_job_fail(
            job_id=job_id,
            failure=Failure.UNEXPECTED,
            error=f"{type(error).__name__}: {error}"[:2000],
            lease=lease,
        )
    job.refresh_from_db()
    return job


def _paced(rows, heartbeat: _Heartbeat):
    """Rows one by one, REPORT_JOB_ROW_PAUSE_MS apart, telling the
    heartbeat each time: the test of a worker killed mid-way needs a job that
    lasts (0, the default, leaves the rows alone)."""
    for done, row in enumerate(rows, start=1):
        time.sleep(settings.REPORT_JOB_ROW_PAUSE_MS / 1000)
        yield row
        heartbeat(done)


def _produce(job: ReportJob, lease: UUID) -> None:
    params = ReportParams.from_json(job.parameters)
    table = registry.table(
        job.kind,
        params,
        meta={
            "report": job.kind,
            "job": job.pk,
            "requested_at": job.created_at,
            "parameters": params.to_json(),
        },
    )
    _beat(job.pk, lease, rows_total=table.count())
    heartbeat = _Heartbeat(job.pk, lease)
    if settings.REPORT_JOB_ROW_PAUSE_MS:
        table.rows = _paced(table.rows, heartbeat)
    with tempfile.TemporaryFile() as spool:
        rows = write_table(table, job.format, spool, progress=heartbeat)
        size = spool.tell()
        spool.seek(0)
        path = f"{FOLDER}/{job.pk}/{job.download_name}"
        name = default_storage.save(path, File(spool))
    finished = ReportJob.objects.filter(
        pk=job.pk, lease=lease, status=Status.RUNNING
    ).update(
        status=Status.SUCCEEDED,
        file=name,
        size=size,
        rows_done=rows,
        rows_total=rows,
        finished_at=timezone.now(),
        heartbeat_at=timezone.now(),
        lease=None,
    )
    if not finished:
        default_storage.delete(name)
        raise LeaseLost(job.pk)


def report_job_fail(
    *, job_id: int, failure: str, error: str = "", lease: UUID | None = None
) -> bool:
    """Mark an unfinished job as failed; with a lease, only if still held."""
    jobs = ReportJob.objects.filter(
        pk=job_id, status__in=(Status.QUEUED, Status.RUNNING)
    )
    if lease is not None:
        jobs = jobs.filter(lease=lease)
    return bool(
        jobs.update(
            status=Status.FAILED,
            failure=failure,
            error=error,
            lease=None,
            finished_at=timezone.now(),
        )
    )


def report_jobs_reap(*, now=None) -> int:
    """Fail the running jobs whose worker stopped writing its heartbeat."""
    now = now or timezone.now()
    reaped = ReportJob.objects.filter(
        status=Status.RUNNING, heartbeat_at__lt=_stale_before(now)
    ).update(
        status=Status.FAILED,
        failure=Failure.WORKER_STOPPED,
        error="",
        lease=None,
        finished_at=now,
    )
    if reaped:
        logger.warning("%s report job(s) failed: the worker stopped", reaped)
    return reaped


def report_files_expire(*, now=None) -> int:
    """Delete the files of jobs finished more than REPORT_FILE_RETENTION_DAYS ago,
    and the files as old that no job names. Returns how many files went.

    The job stays, marked expired, so the list still says what was asked, by
    whom and when. Its row changes before its file goes: a download asked for
    in between gets a 404, never a missing file.
    """
    days = settings.REPORT_FILE_RETENTION_DAYS
    if not days:
        return 0
    before = (now or timezone.now()) - timedelta(days=days)
    old = ReportJob.objects.filter(status=Status.SUCCEEDED, finished_at__lt=before)
    expired = 0
    for job_id, name in old.values_list("pk", "file"):
        if ReportJob.objects.filter(pk=job_id, status=Status.SUCCEEDED).update(
            status=Status.EXPIRED, file=""
        ):
            default_storage.delete(name)
            expired += 1
    if expired:
        logger.info("deleted the files of %s report job(s)", expired)
    return expired + _orphan_files_delete(before)


FOLDER = "reports"


def _orphan_files_delete(before) -> int:
    """Delete the files under reports/ that no job names, made before `before`:
    those of jobs deleted in the admin, or saved by a worker that stopped before
    it recorded them (the job ran again and saved another file)."""
    try:
        folders, _files = default_storage.listdir(FOLDER)
    except FileNotFoundError:  # a local folder that nothing was ever saved in
        return 0
    named = set(ReportJob.objects.exclude(file="").values_list("file", flat=True))
    deleted = 0
    for folder in folders:
        for file in default_storage.listdir(f"{FOLDER}/{folder}")[1]:
            name = f"{FOLDER}/{folder}/{file}"
            if name not in named and default_storage.get_modified_time(name) < before:
                default_storage.delete(name)
                deleted += 1
    if deleted:
        logger.info("deleted %s report file(s) that no job names", deleted)
    return deleted
