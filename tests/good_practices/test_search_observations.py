"""Published civil-society observations are found by the same search as the
practices and capacities, as a kind of their own."""

import pytest
from django.http import QueryDict

from good_practices.search import SearchFilters, search_facets, search_results
from good_practices.search.observations import with_observations
from mandates.models import Mandate
from tests.factories import GoodPracticeFactory, ObservationFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

TEXTS = {
    "en": "The public procurement portal hides the winning bids.",
    "es": "El portal de contrataciones públicas oculta las ofertas ganadoras.",
    "pt": "O portal de licitações públicas esconde as propostas vencedoras.",
    "fr": "Le portail des marchés publics cache les offres retenues.",
}


def results(query: str) -> list:
    filters = SearchFilters.from_query(QueryDict(query))
    return list(with_observations(filters, search_results(filters)))


def counts(query: str = "") -> dict:
    filters = SearchFilters.from_query(QueryDict(query))
    return {
        f.name: {v.value: v.count for v in f.values} for f in search_facets(filters)
    }


@pytest.fixture
def observations(cycle):
    made = {
        language: ObservationFactory(cycle=cycle, language=language, text=text)
        for language, text in TEXTS.items()
    }
    ObservationFactory(
        cycle=cycle,
        status="submitted",
        published_at=None,
        text="The procurement portal SECRET contrataciones",
    )
    return made


@pytest.mark.parametrize(
    ("words", "language"),
    [
        ("procurement bids", "en"),
        ("contrataciones publicas", "es"),  # accents ignored
        ("licitações", "pt"),
        ("marches publics", "fr"),
    ],
)
def test_each_language_finds_its_observation(observations, words, language):
    found = results(f"q={words}")
    assert observations[language] in found
    assert all(getattr(r, "status", "published") == "published" for r in found)


def test_kind_facet_counts_observations_and_narrows_to_them(observations):
    GoodPracticeFactory(title="Open procurement portal", language="en")
    assert counts("q=procurement")["kind"] == {"practice": 1, "observation": 1}
    only = results("q=procurement&kind=observation")
    assert only == [observations["en"]]
    practices = results("q=procurement&kind=practice")
    assert [r.title for r in practices] == ["Open procurement portal"]


def test_unpublished_observations_are_never_found_nor_counted(observations):
    assert all(r.pk != 0 for r in results("q=SECRET")) and not results("q=SECRET")
    assert counts("q=SECRET").get("kind", {}).get("observation", 0) == 0


def test_the_organisation_name_finds_its_observations(cycle):
    organisation = OrganisationFactory(name="Observatório Cidadão")
    mine = ObservationFactory(organisation=organisation, cycle=cycle)
    assert results("q=observatorio cidadao") == [mine]


def test_search_page_lists_observations_among_the_results(client, observations):
    page = client.get("/en/good-practices/?q=procurement")
    content = page.content.decode()
    assert f"/en/observations/{observations['en'].pk}/" in content
    assert "Civil-society observation" in content
    assert "SECRET" not in content


def test_a_type_of_support_leaves_observations_out(observations):
    assert results("q=procurement&support=training") == []


def test_results_page_through_both_kinds_in_one_order(client, cycle):
    for index in range(21):
        GoodPracticeFactory(title=f"Integrity pacts {index}", language="en")
    for number in (2, 3, 4):
        ObservationFactory(
            cycle=cycle,
            mandate_id=Mandate.objects.get(number=number).pk,
            text="Integrity pacts are signed but never audited.",
        )
    first = client.get("/en/good-practices/", {"q": "integrity"}).context["page"]
    assert first.paginator.count == 24
    second = client.get("/en/good-practices/", {"q": "integrity", "page": 2})
    rows = list(first.object_list) + list(second.context["page"].object_list)
    assert len(rows) == 24
    assert sum(getattr(r, "search_kind", "") == "observation" for r in rows) == 3
    # The title of a practice outweighs an observation's text: practices first.
    assert all(getattr(r, "search_kind", "") != "observation" for r in rows[:21])
