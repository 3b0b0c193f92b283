"""Real server processes for tests: gunicorn nodes, a Celery worker, an S3 server.

Each runs as its own process group on the loopback interface, with its output in
a log file that a failure quotes, and is stopped with its children (gunicorn's
workers) when the block ends, whatever way it ends.
"""

import contextlib
import json
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import quote, urlencode

from lima_portal.devstack import free_port

ROOT = Path(__file__).resolve().parent.parent
# Variables of the test process that a server started as in production must not
# inherit (DJANGO_ALLOW_ASYNC_UNSAFE is set for the browser tests' process).
NOT_INHERITED = {"DEBUG", "HTTPS", "ALLOWED_HOSTS", "DJANGO_ALLOW_ASYNC_UNSAFE"}

__all__ = ["free_port"]


def database_url(database: dict) -> str:
    """DATABASE_URL for a Django DATABASES entry (the test database's, say)."""
    user, password = quote(database["USER"]), quote(database["PASSWORD"])
    auth = f"{user}:{password}@" if password else f"{user}@" if user else ""
    options = dict(database.get("OPTIONS") or {})
    host = database["HOST"]
    if host.startswith("/"):  # a Unix socket directory, as libpq allows
        options["host"], host = host, ""
    port = f":{database['PORT']}" if database["PORT"] and host else ""
    query = f"?{urlencode(options)}" if options else ""
    return f"postgres://{auth}{host}{port}/{quote(database['NAME'])}{query}"


def production_env(**values: str) -> dict[str, str]:
    """The environment of a server run with production settings over plain HTTP."""
    inherited = {k: v for k, v in os.environ.items() if k not in NOT_INHERITED}
    return {
        **inherited,
        "DEBUG": "false",
        "HTTPS": "false",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "LOG_LEVEL": "WARNING",
        **values,
    }


def collect_static(env: dict[str, str]) -> None:
    """Production settings serve the hashed names that collectstatic records."""
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--no-input", "-v0"],
        cwd=ROOT, env=env, check=True, timeout=120,
    )  # fmt: skip


def gunicorn_command(port: int, workers: int = 1) -> list[str]:
    return [
        sys.executable, "-m", "gunicorn", "lima_portal.wsgi:application",
        "--bind", f"127.0.0.1:{port}", "--workers", str(workers),
        "--log-level", "warning",
    ]  # fmt: skip


def nginx_binary() -> str | None:
    """Debian's nginx, which `make test` installs; /usr/sbin may be off PATH."""
    found = shutil.which("nginx")
    if found:
        return found
    return "/usr/sbin/nginx" if os.access("/usr/sbin/nginx", os.X_OK) else None


def nginx_test_config(
    text: str, folder: Path, *, upstream: str = "", listen: str = ""
) -> Path:
    """docker/nginx.conf made to run outside its container, written to folder.

    Only places change: the cache and pid paths, which exist in the container
    only, and for a live run the upstream (the compose service "web") and the
    listening address. Every rule about what is forwarded and cached stays.
    """
    changes = {
        "/var/cache/nginx/": f"{folder}/cache/",
        "pid /tmp/nginx.pid;": f"pid {folder}/nginx.pid;",
    }
    if upstream:
        changes["http://web:8000"] = f"http://{upstream}"
    if listen:
        changes["listen 8080;"] = f"listen {listen};"
    for old, new in changes.items():
        assert old in text, f"docker/nginx.conf no longer has {old!r}"
        text = text.replace(old, new)
    (folder / "cache").mkdir(exist_ok=True)  # the volume, in the container
    path = folder / "nginx.conf"
    path.write_text(text)
    return path


def http_status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except OSError:
        return 0


class Server:
    """A process started now and stopped when its `with` block ends."""

    def __init__(self, name: str, command: list[str], env: dict, log: Path):
        self.name, self.log = name, log
        with log.open("wb") as out:
            self.process = subprocess.Popen(
                command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
                start_new_session=True,
            )  # fmt: skip

    def __enter__(self) -> "Server":
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    def output(self) -> str:
        return self.log.read_text(errors="replace")

    def wait_until(self, ready: Callable[[], bool], seconds: float = 60) -> None:
        deadline = time.monotonic() + seconds
        while not ready():
            if self.process.poll() is not None or time.monotonic() > deadline:
                state = "stopped" if self.process.poll() is not None else "not ready"
                raise RuntimeError(f"{self.name} {state}:\n{self.output()[-3000:]}")
            time.sleep(0.1)

    def terminate(self) -> None:
        """SIGTERM to the whole group, gunicorn's workers too; does not wait."""
        if self.process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGTERM)

    def stop(self) -> None:
        """Terminate, wait, and SIGKILL the group if it is still there."""
        self.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()


def dockerfile_web_command(port: int) -> list[str]:
    """The Dockerfile's CMD, which compose's web service runs, on this port.

    Only the address changes (the container binds 0.0.0.0:8000); gunicorn is
    found next to this Python, as it is on the image's PATH.
    """
    text = re.sub(r"\\\n", " ", (ROOT / "Dockerfile").read_text())
    (cmd,) = re.findall(r"^CMD (\[.*\])$", text, flags=re.MULTILINE)
    words = json.loads(cmd)
    assert words[:2] == ["sh", "-c"] and "0.0.0.0:8000" in words[2], words
    script = words[2].replace("0.0.0.0:8000", f"127.0.0.1:{port}")
    gunicorn = str(Path(sys.executable).parent / "gunicorn")
    return ["sh", "-c", script.replace("exec gunicorn ", f"exec {gunicorn} ", 1)]


def fire(requests: list[Callable[[], int]], *, at_once: int) -> Counter:
    """Run the requests `at_once` at a time (all together when it is their
    number, released by one barrier) and count the statuses they return."""
    barrier = threading.Barrier(min(at_once, len(requests)))

    def run(request: Callable[[], int]) -> int:
        with contextlib.suppress(threading.BrokenBarrierError):
            barrier.wait(timeout=30)
        return request()

    with ThreadPoolExecutor(max_workers=at_once) as pool:
        return Counter(pool.map(run, requests))


class ConnectionWatch:
    """Counts, every few milliseconds while its block runs, the connections to
    PostgreSQL named by one application_name, and keeps the highest count."""

    def __init__(self, database: dict, application_name: str):
        import psycopg2

        self.name, self.highest, self.samples = application_name, 0, 0
        self.connection = psycopg2.connect(
            dbname=database["NAME"], user=database["USER"],
            password=database["PASSWORD"], host=database["HOST"],
            port=database["PORT"] or None, application_name="connection-watch",
        )  # fmt: skip
        self.connection.autocommit = True
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._watch, daemon=True)

    def held(self) -> int:
        with self.connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE application_name = %s",
                [self.name],
            )
            return cursor.fetchone()[0]

    def _watch(self) -> None:
        while not self.stopped.wait(0.01):
            self.highest = max(self.highest, self.held())
            self.samples += 1

    def __enter__(self) -> "ConnectionWatch":
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stopped.set()
        self.thread.join()

    def close(self) -> None:
        self.connection.close()
