"""The list of mandates written in Python (mandates.markup) is the list the
template loop wrote, in every language, with and without known topics."""

import pytest
from django.http import Http404
from django.template import engines
from django.utils import translation

from mandates.markup import mandate_items
from mandates.models import Mandate, Section
from mandates.selectors import (
    mandate_get_with_neighbours,
    mandate_names,
    mandate_rows,
    section_rows,
)

pytestmark = pytest.mark.django_db

TEMPLATE = (
    "{% load i18n %}{% for mandate in mandates %}"
    "<li><a href=\"{% url 'mandates:detail' mandate.number %}\">"
    '{% if mandate.topic %}<span class="mandate-number">{{ mandate.number }}.</span>'
    " {{ mandate.topic }}{% else %}{% blocktranslate with number=mandate.number %}"
    "Mandate {{ number }}{% endblocktranslate %}{% endif %}</a>"
    '{% if not mandate.topic %} <span class="muted">'
    '({% translate "text to come with the official document" %})</span>{% endif %}'
    "</li>\n{% endfor %}"
)


@pytest.mark.parametrize("language", ["en", "es", "pt", "fr"])
def test_the_items_are_the_templates_items(language):
    mandates = list(Mandate.objects.order_by("number"))
    assert any(m.topic for m in mandates) and not all(m.topic for m in mandates)
    with translation.override(language):
        expected = (
            engines["django"].from_string(TEMPLATE).render({"mandates": mandates})
        )
        assert mandate_items(mandates) == expected


def test_a_topic_is_escaped():
    mandate = Mandate.objects.get(number=1)
    mandate.topic_en = "<script>x</script> & co"
    assert "&lt;script&gt;x&lt;/script&gt; &amp; co" in mandate_items([mandate])


@pytest.mark.parametrize("language", ["en", "es", "pt", "fr"])
def test_rows_read_once_show_what_the_models_show(language):
    """The list reads rows through fixed statements (mandates.selectors)."""
    with translation.override(language):
        models = list(Mandate.objects.order_by("number"))
        rows = mandate_rows()
        assert mandate_items(rows) == mandate_items(models)
        assert [(m.number, str(m)) for m in models] == mandate_names()
        sections = list(Section.objects.order_by("code"))
        assert [(s.code, s.title) for s in sections] == section_rows()
        assert [m.section_code for m in rows] == [
            m.section.code if m.section else None for m in models
        ]


@pytest.mark.parametrize("language", ["en", "es", "pt", "fr"])
@pytest.mark.parametrize("number", [1, 13, 18, 30, 57])
def test_a_mandate_and_its_neighbours_as_its_page_shows_them(language, number):
    Mandate.objects.filter(number=13).update(text_en="Official text.", text_es="Texto.")
    with translation.override(language):
        mandate, previous, following = mandate_get_with_neighbours(number=number)
        model = Mandate.objects.select_related("section").get(number=number)
        assert (mandate.pk, mandate.number, mandate.topic, mandate.text) == (
            model.pk,
            model.number,
            model.topic,
            model.text,
        )
        if model.section is None:
            assert mandate.section is None
        else:
            assert (mandate.section.code, mandate.section.title) == (
                model.section.code,
                model.section.title,
            )
        assert previous == (number - 1 if number > 1 else None)
        assert following == (number + 1 if number < 57 else None)


def test_an_unknown_mandate_is_not_found():
    with pytest.raises(Http404):
        mandate_get_with_neighbours(number=58)
