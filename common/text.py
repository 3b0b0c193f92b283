"""Text: folding for sorting and matching; the length limits of what people write."""

import unicodedata

from django.core.exceptions import ValidationError
from django.utils.formats import number_format
from django.utils.translation import gettext as _


def fold(text: str) -> str:
    """Lower-case and strip accents: the key for sorting and matching names."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def too_long(*, limit: int, count: int) -> str:
    return _("Keep this to %(max)s characters (it has %(count)s).") % {
        "max": number_format(limit, force_grouping=True),
        "count": number_format(count, force_grouping=True),
    }


def check_length(text: str, *, limit: int, field: str) -> None:
    """ValidationError keyed by `field` if the text is longer than `limit`."""
    if len(text) > limit:
        raise ValidationError({field: too_long(limit=limit, count=len(text))})


def check_lengths(record, names) -> None:
    """Each named text of the record within its field's max_length; one
    ValidationError keyed by field otherwise.

    Django checks the max_length of a TextField in forms only, never in
    full_clean(), so the services check it here, for the API as for the forms.
    """
    errors = {}
    for name in names:
        limit = record._meta.get_field(name).max_length
        value = getattr(record, name)
        if limit and isinstance(value, str) and len(value) > limit:
            errors[name] = too_long(limit=limit, count=len(value))
    if errors:
        raise ValidationError(errors)
