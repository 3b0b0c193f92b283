"""Read-only API answers built directly, without walking DRF's fields.

A ModelSerializer answers a list by walking every declared field of every row:
a source lookup, a None check and a to_representation per field, about 1.5 ms
per hundred short rows before any data is read, and it builds its fields
(deep copies of the declared ones, the model's introspection) on each request.
The public lists' serializers write their `to_representation` as one dict
instead; the fields stay declared, for the schema and the generic path, and
tests/common/test_api_fast.py compares the two on the same objects, field by
field (`generic_representation`).
"""

from rest_framework import serializers

_DATETIME = serializers.DateTimeField()


def iso_datetime(value):
    """What a DateTimeField answers: ISO 8601 in the current time zone, "Z" for
    UTC, None when empty."""
    return _DATETIME.to_representation(value)


def generic_representation(serializer, instance) -> dict:
    """The answer DRF's own ModelSerializer path gives: what a fast
    `to_representation` must equal."""
    return serializers.Serializer.to_representation(serializer, instance)
