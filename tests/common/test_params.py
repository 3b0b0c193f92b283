"""Query-string and form parameters as people type or mangle them."""

import pytest
from django.http import QueryDict

from common.params import (
    PK_MAX,
    chosen,
    chosen_by_code,
    plain_text,
    query_choice,
    query_code,
    query_int,
    query_ints,
    query_text,
)
from mandates.models import Section
from progress.models import ReportingCycle

HOSTILE = ["²", "\x00", "-1", "99999999999999999999999", "1e5000", "", "abc", "[]"]


def q(**values) -> QueryDict:
    query = QueryDict(mutable=True)
    for name, value in values.items():
        query.setlist(name, value if isinstance(value, list) else [value])
    return query


@pytest.mark.parametrize("raw", HOSTILE + ["٣", "1.0", "0x10", " 12 x"])
def test_query_int_treats_anything_but_a_plain_whole_number_as_absent(raw):
    assert query_int(q(n=raw), "n") is None


def test_query_int_reads_whole_numbers_within_bounds():
    assert query_int(q(n=" 42 "), "n") == 42
    assert query_int(q(n="42"), "n", low=50) is None
    assert query_int(q(n="42"), "n", high=41) is None
    assert query_int(q(n=str(PK_MAX)), "n") == PK_MAX
    assert query_int(q(n=str(PK_MAX + 1)), "n") is None
    assert query_int(q(), "n") is None


def test_query_ints_keeps_the_good_values_once_each_in_order():
    query = q(mandate=["12", "²", "3", "12", "58", "-1", "\x00", "0040"])
    assert query_ints(query, "mandate", low=1, high=57) == (12, 3, 40)
    assert query_ints(q(), "mandate", low=1, high=57) == ()


def test_query_code_and_choice():
    assert query_code(q(c=" arg "), "c") == "ARG"
    for raw in ["A\x00", "²", "A1", "", "A" * 13, "é"]:
        assert query_code(q(c=raw), "c") is None
    assert query_choice(q(s="draft"), "s", ["draft", "submitted"]) == "draft"
    assert query_choice(q(s="draft\x00"), "s", ["draft"]) is None


def test_plain_text_drops_control_characters_and_bounds_the_length():
    assert plain_text("anti\x00corruption\x07 law\r\n", max_length=50) == (
        "anti corruption law"
    )
    assert plain_text("  many   spaces ", max_length=50) == "many spaces"
    assert plain_text("word " * 1000, max_length=20) == "word word word word"
    assert plain_text(["list"], max_length=20) == ""
    assert query_text(q(q="a\x00b"), "q", max_length=10) == "a b"


@pytest.mark.django_db
def test_chosen_finds_by_id_or_code_and_ignores_the_rest(cycle):
    cycles = ReportingCycle.objects.all()
    assert chosen(cycles, q(cycle=str(cycle.pk)), "cycle") == cycle
    for raw in HOSTILE + [str(cycle.pk + 1000)]:
        assert chosen(cycles, q(cycle=raw), "cycle") is None
    assert chosen_by_code(Section.objects, q(section="b"), "section").code == "B"
    for raw in HOSTILE + ["Z"]:
        assert chosen_by_code(Section.objects, q(section=raw), "section") is None
