"""Schemathesis over the whole OpenAPI schema, against the live server.

Every operation of /api/v1/schema/ gets generated requests, valid and invalid
(the examples, coverage and fuzzing phases), once anonymously and once with a
focal point's token, so that the /workspace/ endpoints are exercised past
their 401. Every answer is checked: no 5xx, a documented status code, a body
that conforms to the schema, the documented content type, auth enforced.

Schemathesis runs through its own engine, as its command line does, over HTTP:
its in-process WSGI transport fails on its auth probes. Its runs are bounded
by a number of examples per operation and a time limit; the seed is printed
with any failure, to reproduce it (SCHEMATHESIS_SEED=<seed>).

The lock-out and the rate limits stay on but out of reach: a probe with a
wrong token counts as a failed sign-in from the test's address, and hundreds
of requests a minute would otherwise end in 429s.
"""

import os
import random
from collections import Counter, defaultdict

import pytest
import schemathesis
from rest_framework.authtoken.models import Token
from schemathesis.engine import Status, events, from_schema

from accounts.api_auth import AnonThrottle, UserThrottle

from .access_world import world

pytestmark = pytest.mark.django_db(transaction=True)

MAX_EXAMPLES = 20
MAX_SECONDS = 45  # per run: the bound when the machine is too slow for the examples
WORKSPACE_LIST = "GET /api/v1/workspace/reports/"


def fuzz_config(seed: int, headers: dict) -> schemathesis.Config:
    return schemathesis.Config.from_dict(
        {
            "seed": seed,
            "cache": {"enabled": False},  # nothing written to the work tree
            "workers": 1,
            "max-time": MAX_SECONDS,
            "continue-on-failure": True,
            # One request per connection: a kept-alive one would keep its
            # server thread, and that thread's database connection, open.
            "headers": {"Connection": "close", **headers},
            "generation": {
                "max-examples": MAX_EXAMPLES,
                "database": "none",
                # No made-up tokens or session cookies: the runs choose theirs.
                "with-security-parameters": False,
            },
            # No links between operations in the schema: nothing stateful.
            "phases": {"stateful": {"enabled": False}},
            "operations": [
                {
                    # An empty or unreadable filter is ignored, as on the
                    # portal's pages, rather than refused: a choice, not a
                    # violation of the schema. Bodies are held to it.
                    "include-method": "GET",
                    "checks": {"negative_data_rejection": {"enabled": False}},
                }
            ],
            "checks": {
                # Filters and bodies name records (a cycle, a participant) that
                # a schema cannot list; an unknown one is answered 400, which
                # names it.
                "positive_data_acceptance": {
                    "expected-statuses": ["2xx", "400", "401", "403", "404", "409"]
                }
            },
        }
    )


class Tally:
    """What a run sent and what it found, by operation."""

    def __init__(self):
        self.operations = set()
        self.statuses = defaultdict(Counter)
        self.cases = 0
        self.failures = {}
        self.errors = []
        self.seconds, self.stop_reason = 0.0, None

    def add(self, event) -> None:
        if isinstance(event, events.ScenarioFinished):
            self.cases += len(event.recorder.cases)
            for interaction in event.recorder.interactions.values():
                status = interaction.response.status_code if interaction.response else 0
                self.statuses[event.label][status] += 1
            for checks in event.recorder.checks.values():
                for check in checks:
                    if check.status == Status.FAILURE and check.failure_info:
                        self._failure(event.label, check)
        elif isinstance(event, events.NonFatalError | events.FatalError):
            self.errors.append(f"{getattr(event, 'label', '')}: {event!r}")
        elif isinstance(event, events.EngineFinished):
            self.seconds, self.stop_reason = event.running_time, event.stop_reason

    def _failure(self, label: str, check) -> None:
        failure = check.failure_info.failure
        key = (label, check.name, failure.title)
        message = f"{failure.message[:400]}\n    {check.failure_info.code_sample}"
        self.failures.setdefault(key, message)

    @property
    def requests(self) -> int:
        return sum(sum(c.values()) for c in self.statuses.values())

    def all_statuses(self) -> Counter:
        return sum(self.statuses.values(), Counter())

    def report(self, name: str, seed: int) -> str:
        lines = [
            f"{name} run, seed {seed}: {self.cases} cases, {self.requests} "
            f"requests in {self.seconds:.0f} s ({self.stop_reason})"
        ]
        lines += [f"{k[0]} [{k[1]}] {k[2]}: {v}" for k, v in self.failures.items()]
        return "\n".join(lines + self.errors)


def fuzz(url: str, seed: int, headers: dict) -> Tally:
    schema = schemathesis.openapi.from_url(
        f"{url}/api/v1/schema/?format=json", config=fuzz_config(seed, headers)
    )
    tally = Tally()
    tally.operations = {op.ok().label for op in schema.get_all_operations()}
    for event in from_schema(schema).execute():
        tally.add(event)
    return tally


@pytest.fixture
def fuzzable(reference_data, media, settings, monkeypatch):
    """Records of every kind, and the lock-out and rate limits out of reach."""
    settings.SIGNIN_FAILURE_LIMIT_PER_IP = 10**9
    rates = {"anon": "100000/minute", "user": "100000/minute"}
    monkeypatch.setattr(AnonThrottle, "THROTTLE_RATES", rates)
    monkeypatch.setattr(UserThrottle, "THROTTLE_RATES", rates)
    return world()


@pytest.mark.parametrize("who", ["anonymous", "focal point"])
def test_api_answers_as_its_schema_says(who, fuzzable, live_server):
    seed = int(os.environ.get("SCHEMATHESIS_SEED") or random.randrange(2**32))
    headers = {}
    if who == "focal point":
        token = Token.objects.get_or_create(user=fuzzable["owner"])[0]
        headers = {"Authorization": f"Token {token.key}"}
    tally = fuzz(live_server.url, seed, headers)
    print(tally.report(who, seed), dict(tally.all_statuses()))
    statuses = tally.all_statuses()
    assert not tally.failures and not tally.errors, tally.report(who, seed)
    assert not [s for s in statuses if s >= 500 or s == 429], tally.report(who, seed)
    assert set(tally.statuses) == tally.operations, "every operation was tried"
    # The token was used, and nothing of the workspace answers without one.
    workspace = set(tally.statuses[WORKSPACE_LIST])
    assert (200 in workspace) == (who == "focal point"), tally.statuses[WORKSPACE_LIST]
