"""The search page's facets and results, built in Python by the good_practices
template tags, are to the character what their include templates make."""

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils import translation

from good_practices.search import FacetValue, SearchFilters, search_facets
from good_practices.search.facets import Facet
from good_practices.search.observations import with_observations
from good_practices.search.queries import search_results
from good_practices.templatetags.good_practices import facet_list, result_list
from good_practices.views.public import FACET_LABELS
from mandates.models import Mandate
from tests.factories import (
    CapacityFactory,
    GoodPracticeFactory,
    ObservationFactory,
    OrganisationFactory,
)

pytestmark = pytest.mark.django_db

LANGUAGES = ["en", "es", "pt", "fr"]
LONG = "Integrity <pacts> & “open” contracts, 'quoted'. " * 12  # past 320 letters


def by_templates(records) -> str:
    return "".join(
        render_to_string(
            "good_practices/includes/_observation_result.html"
            if getattr(record, "search_kind", None) == "observation"
            else "good_practices/includes/_result.html",
            {"record": record},
        )
        for record in records
    )


@pytest.fixture
def records(cycle, other_participant):
    # A mandate without its topic in Portuguese, one without any topic.
    Mandate.objects.filter(number=57).update(topic_pt="")
    untitled = {f"topic_{code}": "" for code in LANGUAGES}
    Mandate.objects.filter(number=3).update(topic="", **untitled)
    GoodPracticeFactory(title="Integrity <b>pacts</b> & more", mandates=[10, 2, 57])
    GoodPracticeFactory(title="Integridad", summary=LONG, language="es", mandates=[])
    CapacityFactory(title="Integrity training", support_type="funding", language="fr")
    CapacityFactory(summary="Integrity é" * 40, mandates=[3])
    organisation = OrganisationFactory(name="Observatorio <Ciudadano> & co")
    ObservationFactory(organisation=organisation, cycle=cycle, text=LONG)
    ObservationFactory(
        cycle=cycle, participant=other_participant, language="pt", assessment="none"
    )


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("query", ["", "integrity"])
def test_results_are_what_the_templates_make(records, language, query):
    filters = SearchFilters(q=query)
    with translation.override(language):
        page = list(with_observations(filters, search_results(filters))[0:20])
        assert any(getattr(r, "search_kind", "") == "observation" for r in page)
        assert result_list(page) == by_templates(page)


def facets_by_templates(facets, request) -> str:
    return "".join(
        render_to_string(
            "good_practices/includes/_facet.html",
            {"facet": facet, "request": request},
        )
        for facet in facets
        if facet.values
    )


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(
    "query",
    [
        "",
        "q=integrity&page=3",
        "q=a+%22b%22&kind=practice&kind=capacity&mandate=10&section=B&year=2020",
        "participant=ARG&language=es&support=funding&page=x&other=%C3%A9+%26",
    ],
)
def test_facets_are_what_the_templates_make(records, language, query):
    request = RequestFactory().get(f"/en/good-practices/?{query}")
    filters = SearchFilters.from_query(request.GET)
    with translation.override(language):
        facets = search_facets(filters)
        for facet in facets:
            facet.label = FACET_LABELS[facet.name]
        assert facet_list({"request": request}, facets) == facets_by_templates(
            facets, request
        )


@pytest.mark.parametrize("language", LANGUAGES)
def test_many_and_approximate_facet_values_are_what_the_templates_make(language):
    request = RequestFactory().get("/en/good-practices/?mandate=3&q=x")
    values = [
        FacetValue(str(n), f"Mandate <{n}>", n * 1234, n == 3, approximate=n % 2)
        for n in range(1, 12)
    ]
    facets = [Facet("mandate", values), Facet("year", [])]
    for facet in facets:
        facet.label = FACET_LABELS[facet.name]
    with translation.override(language):
        html = facet_list({"request": request}, facets)
        assert "<details>" in html
        assert html == facets_by_templates(facets, request)
