"""Reading query-string and form parameters that a person may have typed or mangled.

A malformed value is treated as absent, so the page falls back to its default
instead of failing: "²" passes str.isdigit() but not int(), a number too large
for the database's integer would fail in SQL, and PostgreSQL refuses a NUL
character in any text it is given.
"""

import re
import unicodedata

PK_MAX = 2**63 - 1  # BigAutoField
_WHOLE_NUMBER = re.compile(r"[0-9]{1,19}")
_CODE = re.compile(r"[A-Za-z]{1,12}")


def _whole_number(raw, low: int, high: int) -> int | None:
    if not isinstance(raw, str) or not _WHOLE_NUMBER.fullmatch(raw.strip()):
        return None
    number = int(raw.strip())
    return number if low <= number <= high else None


def query_int(query, name: str, *, low: int = 0, high: int = PK_MAX) -> int | None:
    """The parameter as a whole number within [low, high], or None."""
    return _whole_number(query.get(name, ""), low, high)


def query_ints(query, name: str, *, low: int, high: int) -> tuple[int, ...]:
    """Every value of a repeated parameter that is a whole number within
    [low, high], once each, in the order given; the others are dropped."""
    numbers = (_whole_number(raw, low, high) for raw in query.getlist(name))
    return tuple(dict.fromkeys(n for n in numbers if n is not None))


def query_code(query, name: str) -> str | None:
    """The parameter as an upper-case code of letters (a participant's, a
    section's), or None: anything else could not name one."""
    raw = query.get(name, "")
    if not isinstance(raw, str) or not _CODE.fullmatch(raw.strip()):
        return None
    return raw.strip().upper()


def query_choice(query, name: str, choices) -> str | None:
    """The parameter if it is one of `choices`, else None."""
    raw = query.get(name, "")
    return raw if raw in choices else None


def plain_text(raw, *, max_length: int) -> str:
    """Typed words with control characters (NUL among them) turned into spaces,
    runs of white space made one, cut at `max_length`."""
    if not isinstance(raw, str):
        return ""
    visible = "".join(
        " " if unicodedata.category(c) == "Cc" else c for c in raw[: 4 * max_length]
    )
    return " ".join(visible.split())[:max_length].rstrip()


def query_text(query, name: str, *, max_length: int) -> str:
    """The parameter as plain text (see plain_text)."""
    return plain_text(query.get(name, ""), max_length=max_length)


def chosen(queryset, query, name: str):
    """The object of `queryset` whose id the parameter gives, or None."""
    pk = query_int(query, name, low=1)
    return queryset.filter(pk=pk).first() if pk is not None else None


def chosen_in(objects, query, name: str):
    """The object of a list already read whose id the parameter gives, or None
    (chosen() without a query)."""
    pk = query_int(query, name, low=1)
    return next((o for o in objects if o.pk == pk), None) if pk is not None else None


def chosen_by_code(queryset, query, name: str):
    """The object of `queryset` whose code the parameter gives, or None."""
    code = query_code(query, name)
    return queryset.filter(code=code).first() if code is not None else None


def posted(request):
    """The request's form data if it was sent (even empty), else None: a form
    built on it is bound on every POST, so an empty one shows its errors."""
    return request.POST if request.method == "POST" else None
