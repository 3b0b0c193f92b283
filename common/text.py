"""Text: folding for sorting and matching; the length limits of what people write."""

import unicodedata

from django.core.exceptions import ValidationError
from django.db.models import Func, TextField, Value
from django.utils.formats import number_format
from django.utils.translation import gettext as _


def fold(text: str) -> str:
    """Lower-case and strip accents: the key for sorting and matching names."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _fold_table() -> tuple[str, str]:
    source, target = [], []
    for code in range(0xC0, 0x250):
        letter = chr(code)
        folded = fold(letter)
        if len(folded) == 1 and folded != letter:
            source.append(letter)
            target.append(folded)
    return "".join(source), "".join(target)


FOLD_FROM, FOLD_TO = _fold_table()


def folded_sql(expression):
    """fold() in SQL, for sorting and matching text in the database.

    translate() with the same table that fold() applies to the letters of the
    four languages (lower() then handles ASCII); core PostgreSQL, no unaccent,
    and the same order whatever the server's collation.
    """
    translated = Func(
        expression,
        Value(FOLD_FROM),
        Value(FOLD_TO),
        function="translate",
        output_field=TextField(),
    )
    return Func(translated, function="lower", output_field=TextField())


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
