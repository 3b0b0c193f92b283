"""Query-string numbers that a person may have typed or mangled."""

import pytest
from django.http import QueryDict

from common.params import PK_MAX, chosen, query_int
from progress.models import ReportingCycle


def query(**values) -> QueryDict:
    typed = QueryDict(mutable=True)
    typed.update(values)
    return typed


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("12", 12),
        (" 7 ", 7),
        (str(PK_MAX), PK_MAX),
        (str(PK_MAX + 1), None),  # beyond the database's integer
        ("²", None),  # a digit for str.isdigit(), not for int()
        ("-1", None),
        ("1e3", None),
        ("", None),
    ],
)
def test_query_int_is_a_whole_number_or_nothing(raw, expected):
    assert query_int(query(n=raw), "n") == expected


def test_query_int_keeps_to_its_bounds():
    five = query(n="5")
    assert query_int(five, "n", low=1, high=5) == 5
    assert query_int(five, "n", low=6) is None
    assert query_int(five, "missing") is None


@pytest.mark.django_db
def test_chosen_is_the_object_named_by_the_parameter_or_none(cycle, closed_cycle):
    cycles = ReportingCycle.objects.all()
    named = query(cycle=str(closed_cycle.pk))
    assert chosen(cycles, named, "cycle") == closed_cycle
    assert chosen(cycles.exclude(pk=closed_cycle.pk), named, "cycle") is None
    assert chosen(cycles, query(cycle="0"), "cycle") is None
    assert chosen(cycles, query(cycle="x"), "cycle") is None
