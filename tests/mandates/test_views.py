import pytest
from django.urls import reverse
from django.utils import translation

from mandates.models import Mandate

pytestmark = pytest.mark.django_db


def url(name: str, language: str = "en", **kwargs) -> str:
    with translation.override(language):
        return reverse(name, kwargs=kwargs or None)


def test_mandate_list_groups_mandates_by_section(client):
    response = client.get(url("mandates:list"))
    assert response.status_code == 200
    sections = list(response.context["sections"])
    assert [s.code for s in sections] == list("ABCDEFG")
    assert [m.number for m in sections[0].mandates.all()] == list(range(1, 13))
    assert [m.number for m in response.context["unplaced"]] == list(range(25, 56))
    assert "Mandates whose section is not yet known" in response.content.decode()


def test_mandate_list_query_count_is_flat(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(6):
        client.get(url("mandates:list"))


def test_mandate_page_says_official_text_is_not_loaded(client):
    page = client.get(url("mandates:detail", number=2)).content.decode()
    assert "Judicial autonomy and independence" in page
    assert "official text of this mandate has not been loaded" in page


def test_mandate_of_unknown_topic_is_shown_by_number(client):
    page = client.get(url("mandates:detail", number=40)).content.decode()
    assert "<h1>Mandate 40</h1>" in page
    assert "it comes with the official document" in page


def test_mandate_page_shows_official_text_once_loaded(client):
    Mandate.objects.filter(number=2).update(text_es="Texto oficial del mandato 2.")
    page = client.get(url("mandates:detail", "es", number=2)).content.decode()
    assert "Texto oficial del mandato 2." in page
    assert "Autonomía e independencia judicial" in page


def test_unknown_mandate_is_404(client):
    assert client.get("/en/mandates/58/").status_code == 404


def test_mandate_without_topic_is_listed_by_number_in_its_section(client):
    page = client.get(url("mandates:list")).content.decode()
    assert "Mandate 18" in page
    assert "text to come with the official document" in page
