"""The export benchmark's throwaway database and its generated dataset
(bench.export): 35 states x 57 mandates x N cycles of published reports, each
with about 20 indicator values."""

import os
import random
import sys
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

BASE_DIR = Path(__file__).resolve().parent.parent

# --- The throwaway database -----------------------------------------------------------


def _with_database(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


def _admin_connection(url: str):
    import psycopg2

    from lima_portal.env import parse_database_url

    db = parse_database_url(_with_database(url, "postgres"))
    connection = psycopg2.connect(
        dbname=db["NAME"],
        user=db["USER"] or None,
        password=db["PASSWORD"] or None,
        host=db["HOST"] or None,
        port=db["PORT"] or None,
    )
    connection.autocommit = True
    return connection


def _admin(url: str, statement: str) -> None:
    """CREATE and DROP DATABASE run outside any transaction block."""
    connection = _admin_connection(url)
    try:
        connection.cursor().execute(statement)
    finally:
        connection.close()


def create_database(url: str) -> tuple[str, str]:
    name = f"{urlsplit(url).path.lstrip('/')}_bench_{os.getpid()}"
    _admin(url, f'CREATE DATABASE "{name}"')
    return name, _with_database(url, name)


def drop_database(url: str, name: str) -> None:
    from django.db import connections

    connections.close_all()
    _admin(url, f'DROP DATABASE IF EXISTS "{name}"')


def setup_django(database_url: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lima_portal.settings")
    sys.path.insert(0, str(BASE_DIR))
    import django

    django.setup()


# --- The generated dataset ------------------------------------------------------------


def generate(*, cycles: int, values: int, seed: int = 57) -> dict:
    """States x mandates x cycles of published reports, ~`values` answers each."""
    import io

    from django.core.management import call_command
    from django.db import transaction
    from django.utils import timezone

    from accounts.models import Participant
    from mandates.models import Indicator, Mandate
    from progress.models import ProgressReport, ReportingCycle

    call_command("migrate", verbosity=0)
    call_command("load_reference", stdout=io.StringIO())
    rng = random.Random(seed)
    kinds = ["number", "percentage", "boolean", "text"]
    with transaction.atomic():
        mandates = list(Mandate.objects.order_by("number"))
        indicators = {
            mandate.pk: [
                Indicator(
                    mandate=mandate,
                    code=f"B{mandate.number}.{position}",
                    kind=kinds[position % len(kinds)],
                    applies_to="both",
                    label_en=f"Benchmark question {position} of mandate "
                    f"{mandate.number}",
                    position=100 + position,
                )
                for position in range(values)
            ]
            for mandate in mandates
        }
        Indicator.objects.bulk_create(i for group in indicators.values() for i in group)
        start = date(2015, 1, 1)
        cycle_rows = ReportingCycle.objects.bulk_create(
            ReportingCycle(
                name=f"Bench {year}",
                opens_on=start + timedelta(days=365 * year),
                due_on=start + timedelta(days=365 * year + 150),
                closes_on=start + timedelta(days=365 * year + 190),
            )
            for year in range(cycles)
        )
        now = timezone.now()
        batch = []
        states = list(Participant.objects.states().order_by("code"))
        for cycle in cycle_rows:
            for state in states:
                for mandate in mandates:
                    batch.append(
                        _report(state, mandate, cycle, indicators[mandate.pk], rng, now)
                    )
                    if len(batch) == 2000:
                        ProgressReport.objects.bulk_create(batch)
                        batch = []
        ProgressReport.objects.bulk_create(batch)
    return {
        "states": len(states),
        "mandates": len(mandates),
        "cycles": cycles,
        "reports": ProgressReport.objects.count(),
        "values_per_report": values,
    }


LEVELS = ["not_started", "initial", "in_progress", "advanced", "completed"]


def _answer(indicator, rng):
    if indicator.kind == "boolean":
        return rng.random() < 0.6
    if indicator.kind == "text":
        return f"Law {rng.randint(1, 30000)} of {rng.randint(1990, 2030)}"
    return rng.randint(0, 100)


def _report(state, mandate, cycle, indicators, rng, now):
    from progress.models import ProgressReport

    return ProgressReport(
        participant=state,
        mandate=mandate,
        cycle=cycle,
        status="published",
        published_at=now,
        implementation_level=rng.choice(LEVELS),
        actions_taken="A national working group reviewed the legal framework and "
        f"adopted an action plan with {rng.randint(2, 12)} measures.",
        results="Training for 120 officials; a public register is online.",
        language="en",
        indicator_values={i.code: _answer(i, rng) for i in indicators},
    )
