"""A Celery worker killed in the middle of a report: the job is shown failed
with its reason, and runs again to completion on another worker.

Two real worker processes, started by the test on the test database and the
test Redis: the first takes the job and is killed with SIGKILL (as the kernel
kills a process out of memory) while it writes the rows, which a pause per row
(REPORT_JOB_ROW_PAUSE_MS, a setting) makes last a few seconds. Nothing of the
worker is simulated: its heartbeat stops because the process is gone.
"""

import os
import signal
import sys
import time

import pytest
from django.db import connection

from indicator_reports.models import ReportJob
from tests.factories import UserFactory
from tests.servers import Server, database_url

from .test_services import ask, wait_for

pytestmark = pytest.mark.django_db(transaction=True)
Status = ReportJob.Status


def worker(name: str, media, folder) -> Server:
    env = {
        **os.environ,
        "DATABASE_URL": database_url(connection.settings_dict),
        "MEDIA_ROOT": str(media),
        "REPORT_JOB_ROW_PAUSE_MS": "100",
        "STORAGE_BACKEND": "local",
    }
    command = [
        sys.executable, "-m", "celery", "-A", "lima_portal", "worker",
        "--pool", "solo", "-l", "INFO", "-n", f"{name}@%h",
        "--without-gossip", "--without-mingle", "--without-heartbeat",
    ]  # fmt: skip
    server = Server(name, command, env, folder / f"{name}.log")
    server.wait_until(lambda: " ready." in server.output())
    return server


def wait_until(condition, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.1)


def test_a_killed_worker_s_job_fails_visibly_and_runs_again_elsewhere(
    client, reference_data, media, cycle, settings, tmp_path
):
    from lima_portal.celery import app

    app.control.purge()  # leftovers of an earlier, interrupted run
    secretariat = UserFactory(is_secretariat=True)
    client.force_login(secretariat)
    first = worker("first", media, tmp_path)
    try:
        job = ask(secretariat, cycle_ids=(cycle.pk,))
        # Mid-way: running, some rows written, not all.
        wait_until(lambda: job.refresh_from_db() or job.rows_done > 0)
        assert job.status == Status.RUNNING
        assert 0 < job.rows_done < job.rows_total
        os.kill(first.process.pid, signal.SIGKILL)
        assert first.process.wait(timeout=10) == -signal.SIGKILL
    finally:
        first.stop()
    assert "run_report_job" in first.output()  # the first one had taken it
    job.refresh_from_db()
    assert job.status == Status.RUNNING  # as the dead worker left it

    # Its heartbeat has stopped; the page reaps it once it is stale.
    settings.REPORT_JOB_STALE_SECONDS = 2
    time.sleep(2.5)
    page = client.get(f"/en/indicator-reports/{job.pk}/").content.decode()
    assert "This report failed" in page
    assert "The worker stopped before the report was finished." in page
    job.refresh_from_db()
    assert (job.status, job.failure) == (
        Status.FAILED,
        ReportJob.Failure.WORKER_STOPPED,
    )

    with worker("second", media, tmp_path) as second:
        response = client.post(f"/en/indicator-reports/{job.pk}/run-again/")
        again = ReportJob.objects.get(rerun_of=job)
        assert response["Location"] == f"/en/indicator-reports/{again.pk}/"
        wait_for(again, seconds=60)
        log = second.output()
    assert again.status == Status.SUCCEEDED, again.error
    assert again.rows_done == again.rows_total == job.rows_total
    assert again.file
    assert "run_report_job" in log and "succeeded" in log  # the second ran it
