"""A visitor walks the public catalogue in English and in Spanish.

Links are followed by clicking, as a person would; every page is checked with
axe. The reference data carries its own Spanish texts (mandate topics, section
titles, country names), so the Spanish walk checks those whether or not the
interface catalogue is compiled; the interface strings have their own test.
The dashboards, the list of published reports and open data are checked with
published reports of a cycle and a draft that must never show.
"""

import re

import pytest
from django.conf import settings
from playwright.sync_api import expect

from tests.browser.accessibility import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("reference_data")]

SPANISH_CATALOGUE = settings.BASE_DIR / "locale" / "es" / "LC_MESSAGES" / "django.mo"
SMALL_SCREEN = {"width": 320, "height": 640}
PUBLIC_PAGES = [
    f"/{language}/{path}"
    for language in ("en", "es")
    for path in (
        "",
        "mandates/",
        "mandates/2/",
        "mandates/40/",
        "participants/",
        "participants/ARG/",
        "participants/CAF/",
        "account/sign-in/",
        "good-practices/",
        "cooperation/",
        "dashboards/",
        "dashboards/mandates/13/",
        "reports/",
        "open-data/",
        "open-data/dictionary/",
    )
]


def main_nav(page, path: str):
    return page.locator(f'nav.main-nav a[href="{path}"]')


def arrive(page, path: str, *, language: str) -> None:
    expect(page).to_have_url(re.compile(re.escape(path) + "$"))
    expect(page.locator("html")).to_have_attribute("lang", language)
    assert_accessible(page)


def test_visitor_walks_the_public_pages_in_english(page):
    page.goto("/en/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Lima Commitment")
    arrive(page, "/en/", language="en")

    page.get_by_role("navigation", name="Main").get_by_role(
        "link", name="Mandates"
    ).click()
    arrive(page, "/en/mandates/", language="en")
    expect(
        page.get_by_role("heading", name="A. Reinforcement of democratic governance")
    ).to_be_visible()

    page.get_by_role("link", name="2. Judicial autonomy and independence").click()
    arrive(page, "/en/mandates/2/", language="en")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Mandate 2: Judicial autonomy and independence"
    )

    page.get_by_role("navigation", name="Breadcrumb").get_by_role(
        "link", name="Mandates"
    ).click()
    page.get_by_role("link", name=re.compile(r"^Mandate 40\b")).click()
    arrive(page, "/en/mandates/40/", language="en")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mandate 40")

    page.get_by_role("navigation", name="Main").get_by_role(
        "link", name="Participants"
    ).click()
    arrive(page, "/en/participants/", language="en")

    page.get_by_role("link", name="Argentina", exact=True).click()
    arrive(page, "/en/participants/ARG/", language="en")
    expect(page.get_by_role("heading", level=1)).to_have_text("Argentina")

    page.get_by_role("navigation", name="Main").get_by_role(
        "link", name="Sign in"
    ).click()
    arrive(page, "/en/account/sign-in/", language="en")


def test_visitor_switches_to_spanish_and_walks_on(page):
    page.goto("/en/mandates/2/")
    page.get_by_role("navigation", name="Language").get_by_role(
        "link", name="Español"
    ).click()
    arrive(page, "/es/mandates/2/", language="es")
    expect(page.get_by_role("heading", level=1)).to_contain_text(
        "Autonomía e independencia judicial"
    )

    main_nav(page, "/es/").click()
    arrive(page, "/es/", language="es")

    main_nav(page, "/es/mandates/").click()
    arrive(page, "/es/mandates/", language="es")
    expect(
        page.get_by_role("heading", name="A. Fortalecimiento de la gobernabilidad")
    ).to_be_visible()
    page.locator('a[href="/es/mandates/40/"]').click()
    arrive(page, "/es/mandates/40/", language="es")

    main_nav(page, "/es/participants/").click()
    arrive(page, "/es/participants/", language="es")
    page.get_by_role("link", name="México", exact=True).click()
    arrive(page, "/es/participants/MEX/", language="es")
    expect(page.get_by_role("heading", level=1)).to_have_text("México")


def test_spanish_speaker_arriving_at_the_root_gets_spanish(new_page):
    page = new_page(locale="es-ES")
    page.goto("/")
    arrive(page, "/es/", language="es")


@pytest.mark.skipif(
    not SPANISH_CATALOGUE.exists(),
    reason=f"{SPANISH_CATALOGUE.relative_to(settings.BASE_DIR)} is not compiled yet "
    "(make messages)",
)
def test_spanish_pages_show_the_translated_interface(page):
    page.goto("/es/mandates/")
    expect(page.locator(".skip-link")).to_have_text("Saltar al contenido principal")
    expect(page.locator("html")).to_have_attribute("lang", "es")


def test_tab_reaches_the_skip_link_first_and_enter_moves_to_main(page):
    page.goto("/en/mandates/")
    page.keyboard.press("Tab")
    skip_link = page.locator("a.skip-link")
    expect(skip_link).to_be_focused()
    box = skip_link.bounding_box()
    assert box and box["y"] >= 0, "the focused skip link is on screen"

    page.keyboard.press("Enter")
    expect(page.locator("main#main")).to_be_focused()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('main') !== null"), (
        "the next Tab stays in the main content"
    )


def test_no_public_page_scrolls_sideways_on_a_small_screen(new_page):
    page = new_page(viewport=SMALL_SCREEN)
    too_wide = {}
    for path in PUBLIC_PAGES:
        page.goto(path)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > SMALL_SCREEN["width"]:
            too_wide[path] = width
    assert too_wide == {}, f"wider than {SMALL_SCREEN['width']} px: {too_wide}"


def test_api_documentation_works_under_the_content_security_policy(page):
    page.goto("/api/v1/docs/")
    expect(page.get_by_text("/api/v1/mandates/").first).to_be_visible()


@pytest.mark.django_db(transaction=True)
def test_dashboards_report_list_and_open_data_have_no_serious_accessibility_problem(
    new_page, live_server, progress_data
):
    tab = new_page(locale="en")
    pages = [
        "/en/dashboards/",
        f"/en/dashboards/matrix/?cycle={progress_data.pk}",
        "/en/dashboards/mandates/13/",
        "/en/dashboards/participants/ARG/",
        "/en/reports/",
        "/en/open-data/",
        "/en/open-data/dictionary/",
    ]
    for path in pages:
        tab.goto(live_server.url + path)
        assert "UNPUBLISHED" not in tab.content()
        assert_accessible(tab)
    tab.goto(f"{live_server.url}/en/dashboards/mandates/13/")
    chart = tab.locator("svg.bar-chart")
    assert chart.get_attribute("role") == "img"
    assert "Initial" in chart.text_content()  # the level's name, not only a colour
