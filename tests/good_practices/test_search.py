import pytest
from django.http import QueryDict
from django.utils import translation

from accounts.models import Participant
from common.text import FOLD_FROM, FOLD_TO, fold
from good_practices.search import SearchFilters, search_facets, search_results
from mandates.models import Mandate

from ..factories import CapacityFactory, GoodPracticeFactory

pytestmark = pytest.mark.django_db


def search(query: str = "", **fixed):
    return SearchFilters.from_query(QueryDict(query), **fixed)


def titles(query: str = "") -> list[str]:
    return [record.title for record in search_results(search(query))]


def facet_counts(query: str = "") -> dict[str, dict[str, int]]:
    return {
        facet.name: {value.value: value.count for value in facet.values}
        for facet in search_facets(search(query))
    }


# Four practices on asset declarations, one per language, each with the words in
# its title; and in each language a distractor that mentions them once, in passing.
DECLARATIONS = {
    "en": ("Electronic asset declarations of public officials", "asset declarations"),
    "es": (
        "Declaraciones juradas patrimoniales en línea",
        "declaraciones patrimoniales",
    ),
    "pt": ("Declarações de bens dos servidores públicos", "declarações de bens"),
    "fr": ("Déclarations de patrimoine des élus", "déclarations de patrimoine"),
}
DISTRACTORS = {
    "en": "The office also reviewed asset declarations once.",
    "es": "La oficina también revisó declaraciones patrimoniales una vez.",
    "pt": "O órgão também revisou declarações de bens uma vez.",
    "fr": "Le service a aussi examiné des déclarations de patrimoine une fois.",
}


@pytest.fixture
def multilingual():
    for language, (title, _query) in DECLARATIONS.items():
        GoodPracticeFactory(title=title, language=language)
        GoodPracticeFactory(
            title=f"Training ({language})",
            language=language,
            description=DISTRACTORS[language],
        )
        GoodPracticeFactory(title=f"Unrelated ({language})", language=language)


@pytest.mark.parametrize("language", ["en", "es", "pt", "fr"])
def test_a_search_in_each_language_ranks_the_record_in_that_language_first(
    multilingual, language
):
    title, words = DECLARATIONS[language]
    found = titles(f"q={words}")
    assert found[0] == title
    assert f"Training ({language})" in found
    assert f"Unrelated ({language})" not in found


def test_accents_and_case_are_ignored_in_query_and_record():
    GoodPracticeFactory(title="Lucha contra la Corrupción", language="es")
    GoodPracticeFactory(title="Integridade e corrupção", language="pt")
    GoodPracticeFactory(title="Éthique et intégrité publique", language="fr")
    assert titles("q=corrupcion") == ["Lucha contra la Corrupción"]
    assert titles("q=CORRUPCIÓN") == ["Lucha contra la Corrupción"]
    assert titles("q=corrupcao") == ["Integridade e corrupção"]
    assert titles("q=INTEGRITE publique") == ["Éthique et intégrité publique"]


def test_a_stemmed_form_matches_the_other_forms_of_the_word():
    GoodPracticeFactory(title="Protección de denunciantes", language="es")
    GoodPracticeFactory(title="Whistleblowers protected by law", language="en")
    assert titles("q=denunciante") == ["Protección de denunciantes"]
    assert titles("q=protecting whistleblower") == ["Whistleblowers protected by law"]


def test_title_outranks_summary_outranks_description():
    GoodPracticeFactory(title="Other", description="beneficial ownership")
    GoodPracticeFactory(title="Another", summary="beneficial ownership")
    GoodPracticeFactory(title="Beneficial ownership register")
    assert titles("q=beneficial ownership") == [
        "Beneficial ownership register",
        "Another",
        "Other",
    ]


def test_anything_typed_is_a_valid_query():
    GoodPracticeFactory(title="Open data")
    for words in ['"open', "open & | ! :* (", "-", "or", "'; DROP TABLE x; --"]:
        query = QueryDict(mutable=True)
        query["q"] = words
        list(search_results(SearchFilters.from_query(query)))


def test_quoted_phrase_and_or_and_exclusion():
    GoodPracticeFactory(title="Open data portal")
    GoodPracticeFactory(title="Data that is open to review")
    GoodPracticeFactory(title="Procurement portal")
    assert titles('q="open data"') == ["Open data portal"]
    assert set(titles("q=procurement or review")) == {
        "Procurement portal",
        "Data that is open to review",
    }
    assert titles("q=portal -procurement") == ["Open data portal"]


def test_empty_search_lists_the_newest_first():
    first = GoodPracticeFactory(title="First")
    second = CapacityFactory(title="Second")
    GoodPracticeFactory(title="Third")
    type(first).objects.filter(pk=first.pk).update(published_at="2020-01-01T00:00Z")
    type(second).objects.filter(pk=second.pk).update(published_at="2021-01-01T00:00Z")
    assert titles() == ["Third", "Second", "First"]


def test_unpublished_records_never_appear_nor_count():
    GoodPracticeFactory(title="Published anticorruption plan")
    for status in ("draft", "submitted"):
        GoodPracticeFactory(title=f"{status} anticorruption plan", status=status)
    CapacityFactory(
        title="Declined anticorruption plan", status="declined", decline_reason="No."
    )
    assert titles("q=anticorruption") == ["Published anticorruption plan"]
    assert titles() == ["Published anticorruption plan"]
    counts = facet_counts()
    assert counts["kind"] == {"practice": 1}
    assert counts["mandate"] == {"10": 1}


def test_facets_narrow_each_other_and_count_what_the_others_leave(
    participant, other_participant
):
    GoodPracticeFactory(participant=participant, language="es", mandates=[10])
    GoodPracticeFactory(participant=participant, language="en", mandates=[10, 11])
    GoodPracticeFactory(participant=other_participant, language="pt", mandates=[2])
    CapacityFactory(language="en", mandates=[11], support_type="funding")

    assert len(titles("participant=ARG&language=en")) == 1
    assert len(titles("participant=ARG&participant=BRA")) == 3
    assert len(titles("section=A&kind=practice")) == 3
    assert len(titles("mandate=11&support=funding")) == 1

    counts = facet_counts("participant=ARG&mandate=10")
    # Each facet counts with every other filter applied, but not its own.
    assert counts["participant"] == {"ARG": 2}
    assert counts["mandate"] == {"10": 2, "11": 1}
    assert counts["language"] == {"es": 1, "en": 1}
    assert counts["kind"] == {"practice": 2}
    assert counts["section"] == {"A": 2}

    counts = facet_counts("language=en")
    assert counts["kind"] == {"practice": 1, "capacity": 1}
    assert counts["language"] == {"en": 2, "es": 1, "pt": 1}
    assert counts["support"] == {"funding": 1}
    assert counts["participant"] == {"ARG": 1, "OAS": 1}


def test_year_facet_counts_the_year_of_publication():
    practice = GoodPracticeFactory()
    GoodPracticeFactory()
    type(practice).objects.filter(pk=practice.pk).update(
        published_at="2021-06-01T00:00Z"
    )
    counts = facet_counts()["year"]
    assert counts.pop("2021") == 1
    assert list(counts.values()) == [1]
    assert len(titles("year=2021")) == 1


def test_selected_values_are_marked_and_kept_even_when_none_is_left():
    GoodPracticeFactory(language="en")
    facets = {f.name: f for f in search_facets(search("language=fr&q=nothing"))}
    assert [(v.value, v.count, v.selected) for v in facets["language"].values] == [
        ("fr", 0, True)
    ]


def test_unknown_filter_values_are_dropped():
    filters = search("kind=spam&participant=../x&section=Z&mandate=99&year=abc")
    assert not filters.is_narrowed


def test_the_sql_fold_table_agrees_with_fold():
    for source, target in zip(FOLD_FROM, FOLD_TO, strict=True):
        assert fold(source) == target
    assert {"á", "É", "ç", "ã", "ñ", "Ô", "ü"} <= set(FOLD_FROM)


def test_one_query_reaches_records_in_every_language_it_reads_in():
    GoodPracticeFactory(title="Fighting corruption in customs", language="en")
    GoodPracticeFactory(title="Lutte contre la corruption", language="fr")
    GoodPracticeFactory(title="Lucha contra la corrupción", language="es")
    assert set(titles("q=corruption")) == {
        "Fighting corruption in customs",
        "Lutte contre la corruption",
    }


def test_facet_counts_come_from_the_cache_until_the_published_set_changes(
    participant, django_assert_max_num_queries
):
    GoodPracticeFactory(participant=participant, language="es", mandates=[10])
    # The newest publication (the cache's key), the counts of every facet in
    # one query, the observations' counts, the names of the participants,
    # mandates and sections in one more.
    with django_assert_max_num_queries(4) as first:
        assert facet_counts()["language"] == {"es": 1}
    # The same search again: the published set is checked and the labels
    # read, but nothing is counted.
    with django_assert_max_num_queries(len(first.captured_queries) - 1) as again:
        assert facet_counts()["language"] == {"es": 1}
    assert not any("COUNT(" in q["sql"] and "GROUP BY" in q["sql"] for q in again)
    GoodPracticeFactory(participant=participant, language="fr", mandates=[10])
    assert facet_counts()["language"] == {"es": 1, "fr": 1}
    draft = GoodPracticeFactory(status="draft", language="pt")
    assert "pt" not in facet_counts()["language"]
    draft.status, draft.published_at = "published", draft.updated_at
    draft.save()
    assert facet_counts()["language"] == {"es": 1, "fr": 1, "pt": 1}


@pytest.mark.parametrize("language", ["en", "es", "pt", "fr"])
def test_facet_labels_are_the_names_the_models_give(participant, language):
    """Read in one query without models: the same names, English where the
    active language has none."""
    Participant.objects.filter(pk=participant.pk).update(name_fr="")
    Mandate.objects.filter(number=10).update(topic_pt="")
    GoodPracticeFactory(participant=participant, mandates=[10, 2])
    with translation.override(language):
        labels = {
            facet.name: {value.value: value.label for value in facet.values}
            for facet in search_facets(SearchFilters())
        }
        participant.refresh_from_db()
        mandates = Mandate.objects.filter(number__in=[10, 2]).select_related("section")
        assert labels["participant"] == {participant.code: participant.name}
        assert labels["mandate"] == {str(m.number): str(m) for m in mandates}
        assert labels["section"] == {m.section.code: str(m.section) for m in mandates}
