"""The select and input widgets that common.formrender builds in Python are, to
the character, what Django's own widget templates make."""

import datetime

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates

from common.formrender import FastWidgetRenderer

GROUPED = [
    ("", "---------"),
    ("Fruits <&>", [("apple", "Apple"), ("pear", 'Pear "Williams"')]),
    ("plain", "<b>Plain</b>"),
]


class Everything(forms.Form):
    single = forms.ChoiceField(choices=GROUPED, required=False)
    several = forms.MultipleChoiceField(choices=GROUPED, required=False)
    numbered = forms.TypedChoiceField(choices=[(1, "One"), (2, "Two")], coerce=int)
    text = forms.CharField(max_length=20, required=False)
    number = forms.IntegerField(min_value=0, required=False)
    day = forms.DateField(required=False)
    email = forms.EmailField(required=False)
    address = forms.URLField(required=False, assume_scheme="https")
    flag = forms.BooleanField(required=False)
    words = forms.CharField(widget=forms.Textarea, required=False)
    search = forms.CharField(
        required=False,
        widget=forms.TextInput(
            attrs={"type": "search", "aria-describedby": 'help "x"', "autofocus": True}
        ),
    )


@pytest.mark.parametrize(
    "data",
    [
        None,
        {
            "single": "pear",
            "several": ["apple", "plain"],
            "numbered": "2",
            "text": '<script>"x"</script>',
            "number": "-3",
            "day": "2026-02-30",
            "email": "a@b",
            "address": "javascript:alert(1)",
            "flag": "on",
            "words": "</textarea>",
            "search": "é & ü",
        },
    ],
)
def test_every_widget_matches_djangos_templates(data):
    initial = {"day": datetime.date(2026, 1, 2), "text": "a&b"}
    fast = Everything(data, initial=initial, renderer=FastWidgetRenderer())
    slow = Everything(data, initial=initial, renderer=DjangoTemplates())
    for name in Everything.base_fields:
        assert str(fast[name]) == str(slow[name]), name
    assert str(fast) == str(slow)


def test_the_fast_path_is_taken(monkeypatch):
    def no_template(*args, **kwargs):
        raise AssertionError("a template was rendered")

    renderer = FastWidgetRenderer()
    monkeypatch.setattr(DjangoTemplates, "render", no_template)
    form = Everything(renderer=renderer)
    assert str(form["single"]).startswith('<select name="single" id="id_single">')
    assert str(form["text"]).startswith('<input type="text" name="text"')
