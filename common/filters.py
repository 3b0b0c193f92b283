"""Filters for django-filter FilterSets that malformed parameters cannot abuse."""

import django_filters
from django import forms

from .params import PK_MAX


class WholeNumberFilter(django_filters.NumberFilter):
    """A NumberFilter for whole numbers, read by int() and bounded.

    NumberFilter reads a Decimal and bounds it above only: "-1e400000" passes,
    and turning it into the integer a lookup needs costs seconds of CPU. A
    value that is not a whole number within the bounds is answered 400.
    """

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 0)
        kwargs.setdefault("max_value", PK_MAX)
        super().__init__(*args, **kwargs)

    def get_max_validator(self):
        return None  # max_value says it
