import pytest

pytestmark = pytest.mark.django_db


def test_participant_list_shows_states_and_entities(client):
    response = client.get("/en/participants/")
    assert len(response.context["states"]) == 35
    assert len(response.context["entities"]) == 13
    assert "Antigua and Barbuda" in response.content.decode()


def test_participants_are_sorted_in_the_page_language(client):
    states = client.get("/fr/participants/").context["states"]
    names = [state.name for state in states]
    # "États-Unis" sorts among the E's in French, not after "Z".
    assert names.index("États-Unis") < names.index("Grenade")


def test_participant_list_query_count(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        client.get("/en/participants/")
