import csv
import dataclasses
import io
import time
from datetime import timedelta

import openpyxl
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from indicator_reports import registry, services
from indicator_reports.models import ReportJob
from indicator_reports.params import ReportParams
from progress.models import ProgressReport
from tests.factories import UserFactory

Status = ProgressReport.Status
Job = ReportJob.Status


def make_report(participant, mandate, cycle, status=Status.PUBLISHED, **fields):
    return ProgressReport.objects.create(
        participant=participant,
        mandate=mandate,
        cycle=cycle,
        status=status,
        published_at=timezone.now() if status == Status.PUBLISHED else None,
        **fields,
    )


def ask(user, kind="matrix", fmt="csv", **params):
    return services.report_job_request(
        user=user, kind=kind, fmt=fmt, params=ReportParams(**params), language="en"
    )


def wait_for(job, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        job.refresh_from_db()
        if job.is_finished:
            return job
        time.sleep(0.1)
    raise AssertionError(f"job {job.pk} still {job.status} after {seconds}s")


def read_csv(job) -> list[dict]:
    with job.file.open("rb") as handle:
        return list(csv.DictReader(io.StringIO(handle.read().decode())))


# --- Through a real worker ---------------------------------------------------------


@pytest.fixture
def worker_data(reference_data, media, live_worker):
    """Reference data loaded, media in a temporary folder, a worker listening."""


@pytest.mark.django_db(transaction=True)
def test_matrix_report_runs_on_a_real_worker_and_matches_the_database(
    worker_data, django_user_model
):
    from accounts.models import Participant
    from mandates.models import Mandate
    from progress.models import ReportingCycle

    secretariat = UserFactory(is_secretariat=True)
    cycle = ReportingCycle.objects.create(
        name="2030", opens_on="2030-01-01", due_on="2030-03-01", closes_on="2030-04-01"
    )
    arg, bra = Participant.objects.get(code="ARG"), Participant.objects.get(code="BRA")
    one, two = Mandate.objects.get(number=1), Mandate.objects.get(number=2)
    make_report(arg, one, cycle, implementation_level="advanced")
    make_report(arg, two, cycle, Status.SUBMITTED, implementation_level="initial")
    make_report(bra, one, cycle, Status.DRAFT, implementation_level="completed")

    job = wait_for(
        ask(
            secretariat,
            cycle_ids=(cycle.pk,),
            participant_group="chosen",
            participant_codes=("ARG", "BRA"),
            mandate_numbers=(1, 2),
        )
    )

    assert job.status == Job.SUCCEEDED, job.error
    assert job.rows_done == job.rows_total == 2
    rows = read_csv(job)
    expected = {
        (r.participant.code, f"mandate_{r.mandate.number}"): r.implementation_level
        for r in ProgressReport.objects.exclude(status=Status.DRAFT)
    }
    assert [row["participant_code"] for row in rows] == ["ARG", "BRA"]
    for row in rows:
        for column in ("mandate_1", "mandate_2"):
            key = (row["participant_code"], column)
            assert row[column] == expected.get(key, "")
    # The draft is left out by default: only submitted and later statuses count.
    assert rows[1]["mandate_1"] == ""


@pytest.mark.django_db(transaction=True)
def test_xlsx_indicator_values_report_opens_and_holds_the_values(worker_data):
    from accounts.models import Participant
    from mandates.models import Mandate
    from progress.models import ReportingCycle

    secretariat = UserFactory(is_secretariat=True)
    cycle = ReportingCycle.objects.create(
        name="2031", opens_on="2031-01-01", due_on="2031-03-01", closes_on="2031-04-01"
    )
    mandate = Mandate.objects.get(number=13)
    active = mandate.indicators.filter(is_active=True)
    codes = list(active.values_list("code", flat=True))
    values = {code: position + 1 for position, code in enumerate(codes)}
    report = make_report(
        Participant.objects.get(code="MEX"),
        mandate,
        cycle,
        implementation_level="completed",
        indicator_values=values,
    )

    job = wait_for(ask(secretariat, kind="values", fmt="xlsx", mandate_numbers=(13,)))

    assert job.status == Job.SUCCEEDED, job.error
    with job.file.open("rb") as handle:
        workbook = openpyxl.load_workbook(io.BytesIO(handle.read()), read_only=True)
    sheet = list(workbook["values"].iter_rows(values_only=True))
    header, row = sheet[0], dict(zip(sheet[0], sheet[1], strict=True))
    assert len(sheet) == 2
    assert header[:3] == ("report_id", "cycle", "participant_code")
    assert row["report_id"] == report.pk
    assert row["participant_code"] == "MEX"
    assert {code: row[code] for code in codes} == values
    sheet = workbook["columns"].iter_rows(values_only=True)
    columns = [r[0] for r in sheet if r]
    assert "implementation_level" in columns


# --- The job's life, without a worker ----------------------------------------------


db = pytest.mark.django_db


@db
def test_only_the_secretariat_asks_for_indicator_reports(focal):
    with pytest.raises(PermissionDenied):
        ask(focal)


@db
def test_unknown_kind_or_format_is_refused(secretariat):
    with pytest.raises(ValidationError):
        ask(secretariat, kind="horoscope")
    with pytest.raises(ValidationError):
        ask(secretariat, fmt="pdf")


@db
def test_job_is_queued_only_after_commit(
    secretariat, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        job = ask(secretariat)
    assert job.status == Job.QUEUED
    assert len(callbacks) == 1


@db
def test_run_writes_file_and_progress(secretariat, media, participant, cycle, mandate):
    make_report(participant, mandate, cycle, implementation_level="advanced")
    job = ask(secretariat, kind="needs", fmt="json")
    services.report_job_run(job_id=job.pk)
    job.refresh_from_db()
    assert job.status == Job.SUCCEEDED
    assert job.attempts == 1
    assert job.lease is None
    assert job.file.name.startswith(f"reports/{job.pk}/")
    assert job.size > 0


class WorkerKilled(BaseException):
    """The worker's process stopping dead (killed, out of memory). Nothing in the
    service catches it, so the job stays as the worker last wrote it."""


def replace_kind(patch, **parts):
    """Run the needs report with some of its parts replaced."""
    needs = registry.get("needs")
    patch.setitem(registry.KINDS, "needs", dataclasses.replace(needs, **parts))


def falls_silent(job, *, minutes=10):
    """Time passes without a heartbeat: the last one is now that old."""
    ReportJob.objects.filter(pk=job.pk).update(
        heartbeat_at=timezone.now() - timedelta(minutes=minutes)
    )


@pytest.fixture
def abandoned(secretariat, monkeypatch):
    """A job for the needs report whose worker claimed it, then died counting."""

    def killed(params):
        raise WorkerKilled

    job = ask(secretariat, kind="needs")
    with monkeypatch.context() as patch:
        replace_kind(patch, count=killed)
        with pytest.raises(WorkerKilled):
            services.report_job_run(job_id=job.pk)
    job.refresh_from_db()
    return job


@db
def test_a_dead_worker_leaves_its_job_running_under_its_lease(abandoned):
    assert abandoned.status == Job.RUNNING
    assert abandoned.lease is not None
    assert abandoned.attempts == 1
    assert abandoned.heartbeat_at >= abandoned.started_at


@db
def test_a_worker_that_went_silent_is_reaped_with_its_reason(abandoned):
    falls_silent(abandoned)
    assert services.report_jobs_reap() == 1
    abandoned.refresh_from_db()
    assert abandoned.status == Job.FAILED
    assert abandoned.failure == ReportJob.Failure.WORKER_STOPPED
    assert "worker stopped" in abandoned.get_failure_display()
    assert abandoned.lease is None


@db
def test_a_fresh_heartbeat_is_not_reaped(abandoned):
    assert services.report_jobs_reap() == 0
    abandoned.refresh_from_db()
    assert abandoned.status == Job.RUNNING


@db
@pytest.mark.parametrize("stage", ["counting", "writing"])
def test_a_worker_that_comes_back_after_reaping_changes_nothing(
    secretariat, media, monkeypatch, make_need, participant, mandate, stage
):
    make_need(participant, mandate)  # one row to write
    needs = registry.get("needs")
    job = ask(secretariat, kind="needs")

    def reaped():  # the worker pauses; meanwhile the reaper declares it dead
        falls_silent(job)
        assert services.report_jobs_reap() == 1

    def count(params):
        reaped()
        return needs.count(params)

    def rows(params):
        reaped()
        yield from needs.rows(params)

    replace_kind(
        monkeypatch, **{"count": count} if stage == "counting" else {"rows": rows}
    )
    assert services.report_job_run(job_id=job.pk) is None
    job.refresh_from_db()
    assert (job.status, job.failure) == (Job.FAILED, ReportJob.Failure.WORKER_STOPPED)
    # Neither its heartbeat (rows expected) nor its result (file, rows written)
    # was written, and the file it made is gone.
    assert job.rows_total == (None if stage == "counting" else 1)
    assert (job.rows_done, job.file.name, job.size) == (0, "", 0)
    assert not [path for path in media.rglob("*") if path.is_file()]


@db
def test_redelivered_task_resumes_a_job_whose_worker_died(abandoned, media):
    from indicator_reports.tasks import run_report_job

    falls_silent(abandoned)
    run_report_job.apply(args=(abandoned.pk,)).get()  # acks_late: it comes back
    abandoned.refresh_from_db()
    assert abandoned.status == Job.SUCCEEDED
    assert abandoned.attempts == 2


@db
def test_finished_job_is_not_run_twice(secretariat, media):
    job = ask(secretariat, kind="needs")
    services.report_job_run(job_id=job.pk)
    assert services.report_job_run(job_id=job.pk) is None


@db
def test_error_fails_the_job_with_its_reason_and_it_can_run_again(
    secretariat, media, monkeypatch
):
    def broken(params):
        raise RuntimeError("disk on fire")

    replace_kind(monkeypatch, count=broken)
    job = ask(secretariat, kind="needs")
    services.report_job_run(job_id=job.pk)
    job.refresh_from_db()
    assert job.status == Job.FAILED
    assert job.failure == ReportJob.Failure.UNEXPECTED
    assert "disk on fire" in job.error

    again = services.report_job_rerun(user=secretariat, job=job)
    assert again.rerun_of == job
    assert again.parameters == job.parameters
    assert again.status == Job.QUEUED


@db
def test_only_a_failed_job_runs_again(secretariat):
    with pytest.raises(ValidationError):
        services.report_job_rerun(user=secretariat, job=ask(secretariat))


@db
def test_broker_down_fails_the_job_instead_of_leaving_it_queued(
    secretariat, monkeypatch, django_capture_on_commit_callbacks
):
    from indicator_reports import tasks

    def refuse(*args, **kwargs):
        raise ConnectionError("no broker")

    monkeypatch.setattr(tasks.run_report_job, "apply_async", refuse)
    with django_capture_on_commit_callbacks(execute=True):
        job = ask(secretariat)
    job.refresh_from_db()
    assert job.status == Job.FAILED
    assert job.failure == ReportJob.Failure.NOT_QUEUED


@db
def test_timeliness_counts_on_time_and_late(secretariat, media, participant, cycle):
    from mandates.models import Mandate

    on_time = make_report(
        participant, Mandate.objects.get(number=1), cycle, Status.SUBMITTED
    )
    late = make_report(
        participant, Mandate.objects.get(number=2), cycle, Status.SUBMITTED
    )
    ProgressReport.objects.filter(pk=on_time.pk).update(
        submitted_at=timezone.make_aware(
            timezone.datetime.combine(cycle.due_on, timezone.datetime.min.time())
        )
    )
    ProgressReport.objects.filter(pk=late.pk).update(
        submitted_at=timezone.now() + timedelta(days=30)
    )
    job = ask(
        secretariat,
        kind="timeliness",
        cycle_ids=(cycle.pk,),
        participant_group="chosen",
        participant_codes=(participant.code,),
        mandate_numbers=(1, 2, 3),
    )
    services.report_job_run(job_id=job.pk)
    job.refresh_from_db()
    (row,) = read_csv(job)
    assert row["mandates"] == "3"
    assert row["submitted"] == "2"
    assert (row["on_time"], row["late"]) == ("1", "1")
    assert row["reported_percent"] == "66.7"


def test_beat_schedule_names_the_reaper_task(settings):
    from lima_portal.celery import app

    app.loader.import_default_modules()
    entry = settings.CELERY_BEAT_SCHEDULE["reap-stale-report-jobs"]
    assert entry["task"] in app.tasks
    assert entry["schedule"] <= settings.REPORT_JOB_STALE_SECONDS


@db
def test_reaper_task_fails_stale_jobs(abandoned):
    from indicator_reports.tasks import reap_stale_report_jobs

    falls_silent(abandoned, minutes=60)
    assert reap_stale_report_jobs.apply().get() == 1
    abandoned.refresh_from_db()
    assert abandoned.status == Job.FAILED
