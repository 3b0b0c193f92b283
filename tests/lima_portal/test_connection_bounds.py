"""200 visitors at once cannot exhaust PostgreSQL under any way the README serves.

`make run`'s development server (devstack's command and defaults) and gunicorn
as the Dockerfile's CMD runs it for compose's web service each take 200
concurrent requests on the test database. Every connection they open carries an
application_name of this test's own, so pg_stat_activity tells, every 10 ms,
how many they hold: never more than the configured bound, and no 5xx.
"""

import os
import time
import urllib.error
import urllib.request
import uuid
from functools import partial

import pytest
from django.db import connection

from lima_portal.devstack import serve_defaults, web_server_command
from tests.servers import (
    ConnectionWatch,
    Server,
    database_url,
    dockerfile_web_command,
    fire,
    free_port,
    http_status,
    production_env,
)

# The servers read the reference data that the test database starts with.
pytestmark = pytest.mark.django_db
VISITORS = 200
# Pages that read the database, and /healthz (database and Redis).
PAGES = ["/api/v1/mandates/", "/api/v1/participants/", "/healthz"]
HTML_PAGES = ["/en/", "/en/mandates/"]


def status_of(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=60) as response:  # noqa: S310
            response.read()
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except OSError:
        return 0  # refused or timed out: counted apart from any answer


def server_env(base: dict, name: str) -> dict[str, str]:
    """Its connections named `name`; a cache namespace of its own."""
    settings_dict = {
        **connection.settings_dict,
        "OPTIONS": {**connection.settings_dict["OPTIONS"], "application_name": name},
    }
    return {
        **base,
        "DATABASE_URL": database_url(settings_dict),
        "CACHE_KEY_PREFIX": name,
    }


def burst(server: Server, url: str, pages: list[str], name: str):
    server.wait_until(lambda: http_status(f"{url}/healthz") == 200)
    watch = ConnectionWatch(connection.settings_dict, name)
    try:
        addresses = [url + pages[i % len(pages)] for i in range(VISITORS)]
        requests = [partial(status_of, address) for address in addresses]
        started = time.monotonic()
        with watch:
            statuses = fire(requests, at_once=VISITORS)
        watch.seconds = time.monotonic() - started
        held_after = watch.held()
    finally:
        watch.close()
    return statuses, watch, held_after


@pytest.fixture
def name():
    return f"lima-load-{uuid.uuid4().hex[:12]}"


def test_make_run_server_holds_at_most_its_bound(tmp_path, name):
    port = free_port()
    env = server_env(
        {**os.environ, **serve_defaults(port), "WEB_DB_CONNECTIONS": "6"}, name
    )
    command = web_server_command(port)
    assert command[-3:] == ["devserver", f"127.0.0.1:{port}", "--noreload"]
    with Server("make run", command, env, tmp_path / "runserver.log") as server:
        url = f"http://127.0.0.1:{port}"
        statuses, watch, held_after = burst(server, url, PAGES + HTML_PAGES, name)
        log = server.output()
    print(
        f"make run: {dict(statuses)} in {watch.seconds:.1f} s, held at most "
        f"{watch.highest}, after {held_after}"
    )
    assert statuses == {200: VISITORS}, log[-3000:]
    assert watch.samples > 10
    assert 1 <= watch.highest <= 6
    assert held_after == 0  # DB_CONN_MAX_AGE=0, and each closed after its answer


def test_gunicorn_as_compose_runs_it_holds_at_most_its_bound(tmp_path, name):
    port = free_port()
    env = server_env(production_env(), name)
    for variable in ("WEB_CONCURRENCY", "WEB_THREADS", "WEB_DB_CONNECTIONS"):
        env.pop(variable, None)  # the Dockerfile's and settings' defaults
    bound = 10  # WEB_DB_CONNECTIONS's default
    command = dockerfile_web_command(port)
    with Server("gunicorn", command, env, tmp_path / "gunicorn.log") as server:
        url = f"http://127.0.0.1:{port}"
        statuses, watch, held_after = burst(server, url, PAGES, name)
        log = server.output()
    print(
        f"gunicorn: {dict(statuses)} in {watch.seconds:.1f} s, held at most "
        f"{watch.highest}, after {held_after}"
    )
    assert statuses == {200: VISITORS}, log[-3000:]
    assert watch.samples > 10
    # 3 workers × 1 thread, each keeping its connection (DB_CONN_MAX_AGE=60).
    assert 1 <= watch.highest <= 3 <= bound
    assert held_after <= 3


def test_gunicorn_refuses_more_workers_than_the_bound_allows(tmp_path):
    port = free_port()
    env = production_env(WEB_CONCURRENCY="4", WEB_THREADS="3", WEB_DB_CONNECTIONS="10")
    command = dockerfile_web_command(port)
    with Server("gunicorn", command, env, tmp_path / "gunicorn.log") as server:
        assert server.process.wait(timeout=30) != 0
        log = server.output()
    assert "could hold 12 database connections" in log
    assert "more than WEB_DB_CONNECTIONS=10" in log
