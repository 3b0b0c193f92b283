import unicodedata

from django.db.models import Func, TextField, Value


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
