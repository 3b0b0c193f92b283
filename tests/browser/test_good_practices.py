"""A visitor searches the good practices, narrows with facets, reads a practice
and follows a capacity that serves the same mandates; axe checks every page.

The browser and the live server are the shared ones of tests/browser/conftest.py.
"""

import re

import pytest

from tests.browser.accessibility import assert_accessible

from ..factories import CapacityFactory, GoodPracticeFactory

pytestmark = pytest.mark.browser


@pytest.fixture
def gp_page(new_page):
    return new_page(locale="en-GB")


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
    live_server, gp_page, gp_records
):
    page = gp_page
    page.goto(f"{live_server.url}/en/good-practices/")
    assert_accessible(page)

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
    assert_accessible(page)

    page.get_by_role("link", name="Declarações de bens on line").click()
    page.wait_for_url(re.compile(rf"/en/good-practices/{gp_records.pk}/$"))
    assert page.get_by_role("heading", level=1).inner_text() == (
        "Declarações de bens on line"
    )
    assert_accessible(page)

    related = page.get_by_role("region", name="Capacities that serve the same mandates")
    related.get_by_role("link", name="Curso sobre declarações de bens").click()
    page.wait_for_url(re.compile(r"/en/capacities/\d+/$"))
    assert page.get_by_text("Regional capacity").first.is_visible()
    assert_accessible(page)


def test_search_page_works_at_320_pixels(live_server, gp_page, gp_records):
    page = gp_page
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(f"{live_server.url}/es/good-practices/?q=declaraciones")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 320
    assert_accessible(page)
