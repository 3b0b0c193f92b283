"""Browser tests: Debian's Chromium driven by Playwright against the live server.

One browser for the whole session, a fresh context (cookies, storage, viewport)
per test. The live server's tests are transactional, so each test loads the
reference data it needs (the `reference_data` fixture of tests/conftest.py).
"""

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from django.utils import timezone

from accounts.models import Participant
from mandates.models import Mandate
from progress.models import ProgressReport, ReportingCycle

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# Long enough for a slow CI machine, short enough that a hang fails quickly.
TIMEOUT_MS = 15_000
# Run in every page as it loads: an id given twice (two forms' fields named
# alike) makes labels and links point at the wrong element, and axe does not
# report it. It is said on the console, where the fixture below listens.
DUPLICATE_IDS = """
addEventListener("DOMContentLoaded", () => {
  const counts = new Map();
  for (const element of document.querySelectorAll("[id]")) {
    counts.set(element.id, (counts.get(element.id) || 0) + 1);
  }
  const twice = [...counts].filter(([, count]) => count > 1).map(([id]) => id);
  if (twice.length) {
    console.error(`Duplicate id on ${location.pathname}: ${twice.join(", ")}`);
  }
});
"""


@pytest.fixture(scope="package", autouse=True)
def _allow_orm_beside_playwright():
    """Let fixtures query the database while Playwright's event loop runs.

    Playwright's sync API keeps an event loop in the test's thread, and Django
    then refuses every ORM call (loading reference data, flushing the database)
    as "async-unsafe". Nothing runs concurrently with those queries, so the
    check is lifted, as Django documents for such tests. Package scope: set
    before pytest-django's per-test database fixtures, unset once the browser
    tests are done, so that it never leaks into the subprocesses that later
    tests start (manage.py check --deploy warns about it).
    """
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        yield


@pytest.fixture(scope="package")
def browser(django_db_setup):
    """Chromium for the browser tests, stopped when they are done.

    Playwright's loop must not outlive this package: Django refuses ORM calls
    while it runs, and later transactional tests use the ORM. The test
    database is set up first for the same reason."""
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing: install Chromium (make browser)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


@pytest.fixture
def new_page(browser, live_server) -> Iterator[Callable[..., object]]:
    """Open a page in a fresh context; keyword arguments go to new_context().

    Every page it opens must keep its Content-Security-Policy and give each id
    once, checked at each load.
    """
    contexts, refused, duplicated = [], [], []

    def note_problem(message) -> None:
        # Chromium logs what the Content-Security-Policy blocked as an error.
        if message.type == "error" and "Content Security Policy" in message.text:
            refused.append(message.text)
        if message.type == "error" and message.text.startswith("Duplicate id"):
            duplicated.append(message.text)

    def open_page(**context_options):
        context = browser.new_context(base_url=live_server.url, **context_options)
        context.set_default_timeout(TIMEOUT_MS)
        context.add_init_script(DUPLICATE_IDS)
        contexts.append(context)
        page = context.new_page()
        page.on("console", note_problem)
        return page

    yield open_page
    for context in contexts:
        context.close()
    assert not refused, "The page broke its Content-Security-Policy:\n" + "\n".join(
        refused
    )
    assert not duplicated, "\n".join(duplicated)


@pytest.fixture
def page(new_page):
    return new_page()


@pytest.fixture
def progress_data(reference_data):
    """Published reports of one cycle, and one draft that must never show."""
    cycle = ReportingCycle.objects.create(
        name="2029", opens_on="2029-01-01", due_on="2029-03-01", closes_on="2029-04-01"
    )
    levels = ["initial", "in_progress", "advanced", "completed", "not_started"]
    for index, code in enumerate(["ARG", "BRA", "MEX", "OAS"]):
        for number in (1, 2, 13, 40):
            ProgressReport.objects.create(
                participant=Participant.objects.get(code=code),
                mandate=Mandate.objects.get(number=number),
                cycle=cycle,
                status="published",
                published_at=timezone.now(),
                implementation_level=levels[(index + number) % len(levels)],
                actions_taken="Adopted a law.",
            )
    ProgressReport.objects.create(
        participant=Participant.objects.get(code="JAM"),
        mandate=Mandate.objects.get(number=1),
        cycle=cycle,
        status="draft",
        implementation_level="completed",
        actions_taken="UNPUBLISHED draft",
    )
    return cycle
