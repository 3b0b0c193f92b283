"""Query counts and latency of the main pages on the demo dataset.

    python -m bench.pages [--runs 30]

Runs in a throwaway database (created, migrated and dropped here) holding the
reference data and the `make run` demo dataset (about 4,000 progress reports
over three cycles and some 370 practices and capacities). Each page is asked
for through Django's test client, once to warm up and then --runs times; the
figures are the median and 95th percentile, and their ratio to /healthz (one
`SELECT 1` and a Redis round trip) measured in the same run.
"""

import argparse
import io
import os
import secrets
import statistics
import sys
import time
import warnings

from bench.search import ThrowawayDatabase, summary

PAGES = [
    # (label, path, who is signed in)
    ("baseline: health check", "/healthz", None),
    ("home", "/en/", None),
    ("mandates by section", "/en/mandates/", None),
    ("mandate 13 with progress", "/en/mandates/13/", None),
    ("participant (Mexico)", "/en/participants/MEX/", None),
    ("API: mandates", "/api/v1/mandates/", None),
    ("API: published reports", "/api/v1/reports/", None),
    ("dashboards", "/en/dashboards/", None),
    ("good practices search", "/en/good-practices/?q=corrupcion", None),
    ("workspace of Argentina", "/en/workspace/ARG/", "focal.arg"),
    ("review queue", "/en/review/", "secretariat"),
]


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lima_portal.settings")
    warnings.filterwarnings("ignore", message="No directory at")
    import django

    django.setup()


def measure(client, path: str, runs: int) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(path)
    with CaptureQueriesContext(connection) as queries:
        status = client.get(path).status_code
    # Counted now: the next request empties the connection's query log.
    count = len(queries)
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        client.get(path)
        samples.append((time.perf_counter() - started) * 1000)
    return {"status": status, "queries": count, **summary(samples)}


def sign_in(client, user) -> None:
    """force_login, plus the second factor that the person's role requires.

    The session is marked verified by an authenticator made for the bench, as
    django_otp.login does after a right code; verified sessions cost one query
    a page (django-otp checks that the device still exists), which is counted.
    """
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from accounts.two_factor import second_factor_required

    client.force_login(user)
    if second_factor_required(user):
        device, _ = TOTPDevice.objects.get_or_create(
            user=user, confirmed=True, defaults={"name": "bench"}
        )
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.pages")
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args(argv if argv is not None else sys.argv[1:])
    setup_django()
    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client

    from accounts.models import User
    from lima_portal import demo

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    settings.SECURE_SSL_REDIRECT = False
    # What computing each page costs: the page cache would answer all but the
    # first request (bench.load measures the cached pages).
    settings.PAGE_CACHE_ENABLED = False
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {
            "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        },
    }
    with ThrowawayDatabase():
        call_command("load_reference", stdout=io.StringIO())
        demo.demo_load(password=secrets.token_urlsafe(16))
        client, results = Client(), []
        for label, path, who in PAGES:
            client.logout()
            if who:
                sign_in(client, User.objects.get(email=f"{who}@{demo.DEMO_DOMAIN}"))
            results.append((label, path, measure(client, path, args.runs)))
    report(results)
    return 0


def report(results) -> None:
    baseline = results[0][2]["median"]
    print(f"\n{'page':30} {'status':>6} {'queries':>7} {'median ms':>10} "
          f"{'p95 ms':>8} {'× health':>9}")  # fmt: skip
    for label, _path, r in results:
        print(
            f"{label:30} {r['status']:>6} {r['queries']:>7} {r['median']:>10.1f} "
            f"{r['p95']:>8.1f} {r['median'] / baseline:>9.1f}"
        )
    medians = [r["median"] for _label, _path, r in results]
    print(f"\nMedian of the medians: {statistics.median(medians):.1f} ms")


if __name__ == "__main__":
    sys.exit(main())
