import pytest
from django.urls import reverse
from django.utils import translation

pytestmark = pytest.mark.django_db


def url(name: str, language: str = "en", **kwargs) -> str:
    with translation.override(language):
        return reverse(name, kwargs=kwargs or None)


def test_mandate_list_groups_mandates_by_section(client):
    response = client.get(url("mandates:list"))
    assert response.status_code == 200
    sections = list(response.context["sections"])
    assert [s.code for s in sections] == list("ABCDEFG")
    assert [m.number for m in sections[0].mandate_list] == list(range(1, 13))
    assert [m.number for m in response.context["unplaced"]] == list(range(25, 56))
    assert "Mandates whose section is not yet known" in response.content.decode()


def test_mandate_list_query_count_is_flat(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(6):
        client.get(url("mandates:list"))


def test_mandate_without_topic_is_listed_by_number_in_its_section(client):
    page = client.get(url("mandates:list")).content.decode()
    assert "Mandate 18" in page
    assert "text to come with the official document" in page
