"""A visitor searches the good practices, narrows with facets, reads a practice
and follows a capacity that serves the same mandates; axe checks every page.

The fixtures are local to this file (prefixed gp_) so that they live beside,
not against, the shared browser fixtures of tests/browser/conftest.py.
"""

import re
import shutil

import pytest
from django.test import override_settings

from ..factories import CapacityFactory, GoodPracticeFactory

CHROMIUM = "/usr/bin/chromium"
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not shutil.which(CHROMIUM), reason="Chromium is missing"),
]


@pytest.fixture(scope="module", autouse=True)
def _gp_orm_beside_playwright():
    """Playwright's sync API keeps an event loop in this thread, and Django then
    refuses ORM calls (fixtures, the database flush) unless told it is safe.
    Restored after this module so that it leaks into no later test."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        yield


@pytest.fixture(scope="module")
def gp_live_server(request):
    """The live server, answering plain HTTP.

    SecurityMiddleware reads SECURE_SSL_REDIRECT when the server thread builds
    its handler, so the setting must be off when the server starts.
    """
    with override_settings(SECURE_SSL_REDIRECT=False):
        return request.getfixturevalue("live_server")


@pytest.fixture(scope="module")
def gp_browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def gp_page(gp_browser):
    context = gp_browser.new_context(locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def assert_no_serious_violations(page) -> None:
    from axe_playwright_python.sync_playwright import Axe

    violations = Axe().run(page).response["violations"]
    serious = [
        f"{v['id']} ({v['impact']}): {v['help']} at "
        + ", ".join(str(node["target"]) for node in v["nodes"][:3])
        for v in violations
        if v["impact"] in ("serious", "critical")
    ]
    assert not serious, f"{page.url}\n" + "\n".join(serious)


@pytest.fixture
def gp_records(reference_data):
    from accounts.models import Participant

    brazil = Participant.objects.get(code="BRA")
    practice = GoodPracticeFactory(
        title="Declarações de bens on line",
        summary="Um registro eletrônico de declarações de bens.",
        participant=brazil,
        language="pt",
        mandates=[10, 11],
    )
    GoodPracticeFactory(
        title="Declarações de bens dos juízes",
        participant=brazil,
        language="pt",
        mandates=[2],
    )
    GoodPracticeFactory(title="Declaraciones de bienes", language="es", mandates=[10])
    CapacityFactory(
        title="Curso sobre declarações de bens", language="pt", mandates=[10]
    )
    return practice


def test_visitor_searches_narrows_reads_and_follows_a_capacity(
    gp_live_server, gp_page, gp_records
):
    page = gp_page
    page.goto(f"{gp_live_server.url}/en/good-practices/")
    assert_no_serious_violations(page)

    page.get_by_label("Search good practices and capacities").fill("declaracoes")
    page.get_by_role("button", name="Search").click()
    page.wait_for_url(re.compile(r"q=declaracoes"))
    assert page.get_by_role("heading", name=re.compile("3 results")).is_visible()

    facets = page.get_by_role("complementary")
    facets.get_by_role("link", name=re.compile(r"^Good practice \(2\)")).click()
    page.wait_for_url(re.compile(r"kind=practice"))
    facets.get_by_role("link", name=re.compile(r"^Brazil \(2\)")).click()
    page.wait_for_url(re.compile(r"participant=BRA"))
    facets.get_by_role("link", name=re.compile(r"^A\. ")).click()
    page.wait_for_url(re.compile(r"section=A"))
    assert page.get_by_role("heading", name=re.compile("2 results")).is_visible()
    assert page.get_by_role("link", name=re.compile("Remove the filter")).count() == 3
    assert_no_serious_violations(page)

    page.get_by_role("link", name="Declarações de bens on line").click()
    page.wait_for_url(re.compile(rf"/en/good-practices/{gp_records.pk}/$"))
    assert page.get_by_role("heading", level=1).inner_text() == (
        "Declarações de bens on line"
    )
    assert_no_serious_violations(page)

    related = page.get_by_role("region", name="Capacities that serve the same mandates")
    related.get_by_role("link", name="Curso sobre declarações de bens").click()
    page.wait_for_url(re.compile(r"/en/capacities/\d+/$"))
    assert page.get_by_text("Regional capacity").first.is_visible()
    assert_no_serious_violations(page)


def test_search_page_works_at_320_pixels(gp_live_server, gp_page, gp_records):
    page = gp_page
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(f"{gp_live_server.url}/es/good-practices/?q=declaraciones")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 320
    assert_no_serious_violations(page)
