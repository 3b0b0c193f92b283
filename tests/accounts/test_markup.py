"""The lists of the page of participants written in Python (accounts.markup)
are the lists the template loops wrote, in every language."""

import pytest
from django.template import engines
from django.utils import translation

from accounts.markup import entity_items, state_items
from accounts.models import Participant
from accounts.selectors import ParticipantRow, participant_rows

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
