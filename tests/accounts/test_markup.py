"""The lists of the page of participants written in Python (accounts.markup)
are the lists the template loops wrote, in every language."""

import pytest
from django.http import Http404
from django.template import engines
from django.utils import translation

from accounts.markup import entity_items, state_items
from accounts.models import Participant
from accounts.selectors import ParticipantRow, participant_rows, participant_shown

pytestmark = pytest.mark.django_db

STATES = (
    "{% for participant in states %}<li><a href=\"{% url 'participants:detail' "
    'participant.code %}">{{ participant.name }}</a></li>{% endfor %}'
)
ENTITIES = (
    "{% for participant in entities %}<li><a href=\"{% url 'participants:detail' "
    'participant.code %}"><abbr title="{{ participant.name }}">'
    "{{ participant.acronym }}</abbr> – {{ participant.name }}</a></li>{% endfor %}"
)


def rendered(template: str, **context) -> str:
    return engines["django"].from_string(template).render(context)


@pytest.mark.parametrize("language", ["en", "es", "pt", "fr"])
def test_the_lists_are_the_templates_lists(language):
    with translation.override(language):
        states = participant_rows(kind=Participant.Kind.STATE)
        entities = participant_rows(kind=Participant.Kind.JSWG)
        assert len(states) == 35 and len(entities) == 13
        assert state_items(states) == rendered(STATES, states=states)
        assert entity_items(entities) == rendered(ENTITIES, entities=entities)


def test_names_and_acronyms_are_escaped():
    row = ParticipantRow(1, "OAS", "jswg", '<b>"Org" & co</b>', "<i>")
    html = entity_items([row]) + state_items([row])
    assert "<b>" not in html and "<i>" not in html
    assert "&lt;b&gt;&quot;Org&quot; &amp; co&lt;/b&gt;" in html
    assert html == rendered(ENTITIES, entities=[row]) + rendered(STATES, states=[row])


@pytest.mark.parametrize("language", ["en", "es", "pt", "fr"])
def test_a_participant_shown_is_what_its_model_shows(language):
    with translation.override(language):
        for model in Participant.objects.all():
            row = participant_shown(code=model.code.lower())
            assert (row.pk, row.code, row.name, row.acronym) == (
                model.pk,
                model.code,
                model.name,
                model.acronym,
            )
            assert row.get_kind_display() == model.get_kind_display()


@pytest.mark.parametrize("code", ["ZZZ", "M", "MEX1", "ME\x00X", "é"])
def test_an_unknown_or_malformed_code_is_not_found(code):
    with pytest.raises(Http404):
        participant_shown(code=code)
