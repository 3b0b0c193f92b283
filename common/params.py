"""Reading query-string parameters that a person may have typed or mangled.

A malformed value is treated as absent, so the page falls back to its default
instead of failing: "²" passes str.isdigit() but not int(), and a number too
large for the database's integer would fail in SQL.
"""

import re

PK_MAX = 2**63 - 1  # BigAutoField
_WHOLE_NUMBER = re.compile(r"[0-9]{1,19}")


def query_int(query, name: str, *, low: int = 0, high: int = PK_MAX) -> int | None:
    """The parameter as a whole number within [low, high], or None."""
    raw = query.get(name, "")
    if not isinstance(raw, str) or not _WHOLE_NUMBER.fullmatch(raw.strip()):
        return None
    number = int(raw.strip())
    return number if low <= number <= high else None


def chosen(queryset, query, name: str):
    """The object of `queryset` whose id the parameter gives, or None."""
    pk = query_int(query, name, low=1)
    return queryset.filter(pk=pk).first() if pk is not None else None
