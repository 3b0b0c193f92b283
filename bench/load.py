"""Requests per second and p99 latency of gunicorn, measured with wrk.

    python -m bench.load [--seconds 3] [--connections 8] [--workers 2] [--only dash]

What runs: a throwaway database beside the configured one (bench_load_<name>,
migrated, filled with the reference data and the `make run` demo dataset,
analysed, dropped at the end), a throwaway Redis (the embedded stack's
redis-server, in a temporary folder), and gunicorn with production settings
(DEBUG off, the manifest static files of a collectstatic into a temporary
STATIC_ROOT) and a fixed number of sync workers, on a free loopback port.

What is measured, for a static file, a minimal view and every public page and
public API list, by Debian's wrk (`-t2 -c<connections> -d<seconds> --latency`):

- warm: after a few requests to the same address, so whatever the portal
  caches is in place. Ratios to the static file and to the minimal view (the
  /api/ redirect: the cheapest view through the whole middleware stack).
- cold: the cache emptied before each request. wrk sends `X-Bench-Cold`, and
  the benchmark's own gunicorn configuration (bench/_gunicorn.py) clears
  Django's cache, a FLUSHDB of the throwaway Redis, before the request is
  handled. Cold runs use one connection, so no other request can fill the
  cache between the flush and the request; the ratios compare cold runs with
  each other (the minimal view is measured the same way). PostgreSQL's own
  buffers stay warm: "cold" is about the portal's cache.

The static file and the minimal view are measured first and again last; the
ratios divide by the higher of their two runs (the machine's speed wanders by
a third from one minute to the next here, and one slow run of the reference
would flatter every ratio).

Each page's weight (bytes of its body) is printed beside it; the matrix's
target is 150 KB (WEIGHTS).

Targets (issue "Speed"): every warm public page and API list >= 0.5x the static
file; cold pages >= 0.2x the minimal view, the matrix and search >= 0.1x. The
benchmark reports them; it fails only when an address answers with an error.
"""

import argparse
import io
import json
import os
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from contextlib import ExitStack, contextmanager
from pathlib import Path
from urllib.parse import urlsplit

from bench._summary import FIGURES, record
from bench._summary import print_table as print_figures
from bench.pages import setup_django
from bench.search import ThrowawayDatabase

ROOT = Path(__file__).resolve().parent.parent
STATIC, MINIMAL, INFO, PAGE, HEAVY = "static", "minimal", "info", "page", "heavy"
# (address, kind); "{static}" is replaced by the hashed name of portal.css.
ADDRESSES = [
    ("{static}", STATIC),
    ("/api/", MINIMAL),
    ("/healthz", INFO),
    ("/en/", PAGE),
    ("/en/mandates/", PAGE),
    ("/en/mandates/13/", PAGE),
    ("/en/participants/", PAGE),
    ("/en/participants/MEX/", PAGE),
    ("/en/dashboards/", PAGE),
    ("/en/dashboards/matrix/", HEAVY),
    ("/en/good-practices/?q=corrupcion", HEAVY),
    ("/en/good-practices/", HEAVY),
    ("/en/good-practices/?kind=capacity", HEAVY),
    ("/en/reports/", PAGE),
    ("/en/open-data/", PAGE),
    ("/api/v1/sections/", PAGE),
    ("/api/v1/mandates/", PAGE),
    ("/api/v1/participants/", PAGE),
    ("/api/v1/cycles/", PAGE),
    ("/api/v1/reports/", PAGE),
    ("/api/v1/good-practices/", PAGE),
    ("/api/v1/capacities/", PAGE),
    ("/api/v1/dashboards/sections/", PAGE),
    ("/api/v1/dashboards/matrix/", HEAVY),
]
# The heaviest page's weight in bytes (issue "Speed": 48 x 57 matrix <= 150 KB;
# the demo's latest cycle fills part of it, tests/public_site/test_dashboard_weight
# checks a full one).
WEIGHTS = {"/en/dashboards/matrix/": 150_000}
# run: (what the ratio is to, the least ratio by kind of address)
TARGETS = {
    "warm": (STATIC, {PAGE: 0.5, HEAVY: 0.5}),
    "cold": (MINIMAL, {PAGE: 0.2, HEAVY: 0.1}),
}


def parse(argv) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.load")
    parser.add_argument("--seconds", type=int, default=3, help="per address and run")
    parser.add_argument("--connections", type=int, default=8, help="warm runs")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument(
        "--only", default="", help="measure only addresses containing this text"
    )
    return parser.parse_args(argv)


# --- The stack under test ----------------------------------------------------------


def load_demo_data() -> None:
    from django.core.management import call_command
    from django.db import connection

    from lima_portal import demo

    started = time.perf_counter()
    call_command("load_reference", stdout=io.StringIO())
    demo.demo_load(password=secrets.token_urlsafe(16))
    with connection.cursor() as cursor:  # planner statistics, as autovacuum keeps
        cursor.execute("ANALYZE")
    print(
        f"Loaded the reference and demo data in {time.perf_counter() - started:.0f} s."
    )


@contextmanager
def throwaway_redis():
    from lima_portal.devstack import embedded_redis

    with (
        tempfile.TemporaryDirectory(prefix="bench-redis-") as folder,
        embedded_redis(Path(folder)) as url,
    ):
        yield url


def server_env(database: str, redis_url: str, static_root: str) -> dict[str, str]:
    url = urlsplit(os.environ["DATABASE_URL"])._replace(path=f"/{database}")
    return {
        **os.environ,
        "DEBUG": "false",
        "HTTPS": "false",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "DATABASE_URL": url.geturl(),
        "REDIS_URL": redis_url,
        "STATIC_ROOT": static_root,
        "LOG_LEVEL": "WARNING",
    }


def collect_static(env: dict[str, str]) -> str:
    """Collect the static files; the hashed address of portal.css."""
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--no-input", "-v0"],
        cwd=ROOT, env=env, check=True,
    )  # fmt: skip
    manifest = json.loads((Path(env["STATIC_ROOT"]) / "staticfiles.json").read_text())
    return "/static/" + manifest["paths"]["css/portal.css"]


@contextmanager
def gunicorn(env: dict[str, str], workers: int):
    from lima_portal.devstack import free_port

    port = free_port()
    command = [
        sys.executable, "-m", "gunicorn", "lima_portal.wsgi:application",
        "--bind", f"127.0.0.1:{port}", "--workers", str(workers),
        "--config", "python:bench._gunicorn", "--log-level", "warning",
    ]  # fmt: skip
    process = subprocess.Popen(command, cwd=ROOT, env=env)
    try:
        base = f"http://127.0.0.1:{port}"
        wait_until_healthy(base, process)
        yield base
    finally:
        process.terminate()  # SIGTERM: gunicorn finishes its requests, then exits
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def wait_until_healthy(base: str, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("gunicorn stopped at start-up")
        if status(base + "/healthz") == 200:
            return
        time.sleep(0.2)
    raise RuntimeError("gunicorn did not answer /healthz within 60 s")


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def status(url: str) -> int:
    opener = urllib.request.build_opener(_NoRedirect)
    try:
        with opener.open(url, timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except OSError:
        return 0


# --- wrk ----------------------------------------------------------------------------

UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def wrk(url: str, seconds: int, connections: int, cold: bool) -> dict:
    threads = min(2, connections)
    command = [
        "wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s",
        "--latency", "--timeout", "30s", url,
    ]  # fmt: skip
    if cold:
        command[1:1] = ["-H", "X-Bench-Cold: 1"]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    return parse_wrk(output)


def parse_wrk(output: str) -> dict:
    rps = re.search(r"Requests/sec:\s+([\d.]+)", output)
    p99 = re.search(r"^\s*99%\s+([\d.]+)(us|ms|s|m)\s*$", output, re.MULTILINE)
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    socket = re.search(r"Socket errors: .*timeout (\d+)", output)
    errors = int(bad[1]) if bad else 0
    errors += int(socket[1]) if socket else 0
    return {
        "rps": float(rps[1]) if rps else 0.0,
        "p99": float(p99[1]) * UNITS[p99[2]] if p99 else float("nan"),
        "errors": errors,
    }


# --- The runs -----------------------------------------------------------------------


def weight(url: str) -> int:
    """Bytes of the answer's body, as a reader downloads it (no compression)."""
    try:
        with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310
            return len(response.read())
    except (urllib.error.HTTPError, OSError):
        return 0


def measure(base: str, addresses, args) -> list[dict]:
    results = []
    for path, kind in addresses:
        code = status(base + path)
        size = weight(base + path) if kind in (PAGE, HEAVY) else 0
        for _ in range(3):  # warm-up, and whatever the view caches is made
            status(base + path)
        warm = wrk(base + path, args.seconds, args.connections, cold=False)
        drain(warm, args.connections)
        cold = wrk(base + path, args.seconds, 1, cold=True)
        drain(cold, 1)
        results.append(
            {"path": path, "kind": kind, "status": code, "bytes": size,
             **pair(warm, cold)}
        )  # fmt: skip
        print(
            f"  {path:38} {code}  warm {warm['rps']:8.1f}/s  cold {cold['rps']:7.1f}/s"
            f"  {size / 1000:7.1f} kB"
        )
    return results


def drain(run: dict, connections: int) -> None:
    """Let the server finish what wrk left: up to one request per connection was
    still queued when wrk stopped, and the next run must not wait behind it."""
    time.sleep(connections / max(run["rps"], 1.0) + 0.25)


def pair(warm: dict, cold: dict) -> dict:
    return {
        **{f"warm_{k}": v for k, v in warm.items()},
        **{f"cold_{k}": v for k, v in cold.items()},
    }


@contextmanager
def portal_under_test(workers: int):
    """The address of gunicorn over a throwaway stack, and that of portal.css."""
    with ExitStack() as stack:
        database = stack.enter_context(ThrowawayDatabase(prefix="bench_load"))
        load_demo_data()
        static_root = stack.enter_context(tempfile.TemporaryDirectory(prefix="static-"))
        redis_url = stack.enter_context(throwaway_redis())
        env = server_env(database.name, redis_url, static_root)
        static = collect_static(env)
        yield stack.enter_context(gunicorn(env, workers)), static


def main(argv=None) -> int:
    args = parse(argv if argv is not None else sys.argv[1:])
    if not shutil.which("wrk"):
        print("wrk is missing: `make bench` installs Debian's wrk when run as root.")
        return 2
    setup_django()
    with portal_under_test(args.workers) as (base, static):
        addresses = chosen([(p.format(static=static), k) for p, k in ADDRESSES], args)
        print(f"\ngunicorn, {args.workers} sync workers, at {base}; {args.seconds} s "
              f"per run; warm: {args.connections} connections, cold: 1.")  # fmt: skip
        load_before = os.getloadavg()[0]
        results = measure(base, addresses, args)
        print("  (the static file and the minimal view again, at the end)")
        references = [(path, kind) for path, kind in addresses if kind in BASES]
        again = measure(base, references, args)
    since = len(FIGURES)
    keep_the_higher(results, again)
    report(results)
    print_figures(since)
    print(f"\nLoad average (1 min) on {os.cpu_count()} CPUs: {load_before:.2f} "
          f"before the runs, {os.getloadavg()[0]:.2f} after.")  # fmt: skip
    return 1 if any(failed(r) for r in results) else 0


BASES = (STATIC, MINIMAL)


def keep_the_higher(results: list[dict], again: list[dict]) -> None:
    """The static file and the minimal view, measured at the start and at the
    end: the ratios divide by the higher of the two runs, so that a slow moment
    of the machine during one of them cannot make a target look met."""
    later = {r["path"]: r for r in again}
    for r in results:
        if r["path"] not in later:
            continue
        for run in ("warm", "cold"):
            runs = (r[f"{run}_rps"], later[r["path"]][f"{run}_rps"])
            r[f"{run}_rps"] = max(runs)
            print(f"  {r['path']:38} {run}: {runs[0]:,.0f} then {runs[1]:,.0f} "
                  f"req/s; the ratios use {max(runs):,.0f}")  # fmt: skip
            r[f"{run}_errors"] += later[r["path"]][f"{run}_errors"]


def chosen(addresses, args):
    """The static file and the minimal view are always measured: ratios need them."""
    return [
        (path, kind) for path, kind in addresses if kind in BASES or args.only in path
    ]


def failed(result: dict) -> bool:
    expected = 302 if result["kind"] == MINIMAL else 200
    return (
        result["status"] != expected
        or result["warm_errors"] > 0
        or result["cold_errors"] > 0
    )


# --- The report ---------------------------------------------------------------------


def report(results: list[dict]) -> None:
    for run, title in (
        ("warm", "Warm (cache filled)"),
        ("cold", "Cold (cache emptied before each request, one connection)"),
    ):
        print(f"\n{title}")
        print_table(results, run)
    for r in results:
        if r["path"] in WEIGHTS:
            limit = WEIGHTS[r["path"]]
            verdict = "pass" if 0 < r["bytes"] <= limit else "FAIL"
            print(f"\n{r['path']} weighs {r['bytes']:,} bytes "
                  f"(target <= {limit:,}): {verdict}")  # fmt: skip
    bad = [r["path"] for r in results if failed(r)]
    if bad:
        print(f"\nErrors (non-2xx/3xx answers or time-outs) at: {', '.join(bad)}")


def print_table(results: list[dict], run: str) -> None:
    rps = {
        r["kind"]: r[f"{run}_rps"] for r in results if r["kind"] in (STATIC, MINIMAL)
    }
    against, targets = TARGETS[run]
    print(f"{'address':38} {'req/s':>8} {'p99 ms':>8} {'×static':>8} "
          f"{'×minimal':>8} {'target':>13} {'result':>6}")  # fmt: skip
    for r in results:
        value, target = r[f"{run}_rps"], targets.get(r["kind"])
        verdict = goal = "—"
        if target is not None:
            goal = f"≥{target}×{against}"
            verdict = "pass" if value / rps[against] >= target else "FAIL"
            record(
                "load",
                f"{run} {r['path']} req/s ÷ {against}'s ({value:,.0f} ÷ "
                f"{rps[against]:,.0f})",
                value / rps[against],
                target,
                "×",
            )
        print(
            f"{r['path'][:38]:38} {value:>8.1f} {r[f'{run}_p99']:>8.1f} "
            f"{value / rps[STATIC]:>8.3f} {value / rps[MINIMAL]:>8.3f} "
            f"{goal:>13} {verdict:>6}"
        )


if __name__ == "__main__":
    sys.exit(main())
