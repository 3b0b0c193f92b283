"""{% url %} remembering its answers (common/templatetags/memo_url.py) writes
what Django's own tag writes, in every language, and fails the same way."""

import pytest
from django.template import Context, Engine, engines
from django.urls import NoReverseMatch
from django.utils import translation

SOURCE = (
    "{% url 'home' %}|{% url 'mandates:detail' 13 %}|"
    "{% url 'mandates:detail' number=n %}|{% url 'participants:detail' code %}|"
    "{% url 'public_site:opendata_download' 'reports' 'csv' %}|"
    "{% url 'mandates:list' as listed %}{{ listed }}#x|"
    "{% url 'no-such-view' as missing %}[{{ missing }}]"
)


@pytest.mark.parametrize("language", ["en", "es", "pt", "fr"])
def test_the_tag_writes_what_djangos_tag_writes(language):
    plain = Engine(libraries={}, builtins=[])  # Django's own {% url %}
    context = {"n": 14, "code": "MEX"}
    with translation.override(language):
        ours = engines["django"].from_string(SOURCE).render(context)
        theirs = plain.from_string(SOURCE).render(Context(context))
    assert ours == theirs
    assert f"/{language}/mandates/14/" in ours
    assert ours.endswith("[]")


def test_each_language_gets_its_own_address():
    template = engines["django"].from_string("{% url 'mandates:list' %}")
    addresses = set()
    for language in ["en", "es", "pt", "fr", "en"]:
        with translation.override(language):
            addresses.add((language, template.render({})))
    assert len(addresses) == 4
    assert ("fr", "/fr/mandates/") in addresses


def test_a_name_that_does_not_exist_still_fails():
    template = engines["django"].from_string("{% url 'no-such-view' 1 %}")
    with pytest.raises(NoReverseMatch):
        template.render({})


def test_an_argument_that_cannot_be_a_key_is_reversed_as_before():
    template = engines["django"].from_string("{% url 'mandates:detail' n %}")
    assert template.render({"n": 13}) == "/en/mandates/13/"
    with pytest.raises(NoReverseMatch):
        template.render({"n": [13]})  # unhashable: Django's own tag decides
