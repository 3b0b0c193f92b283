"""Reads whose SQL is the same on every request, compiled once per process.

Building a queryset and compiling it costs Python time on every request:
Django's Query, its lookups and compiler, and modeltranslation's rewrites
took 0.2 to 1 ms per query on the public pages, often longer than PostgreSQL
took to answer. A read whose statement depends on nothing but the active
language (which column of a translated field it reads) can be compiled once
per process and language, then run as SQL each time.

A read may also take integer arguments (a cycle's id, say), and lists of
integers passed as one array parameter (the ids of a page's records): the
statement is compiled with a marker in each argument's place, and each call
puts its values where the markers were.

Only the statement is kept: its rows are read from the database on every
call, so nothing here is ever out of date. Values are converted as Django
converts them (JSON, decimals, sums). No translated field may be read through
modeltranslation's fallbacks: select shown_in_language() annotations instead.
"""

import operator

from django.core.exceptions import EmptyResultSet, ImproperlyConfigured
from django.db import connections
from django.db.models.expressions import RawSQL
from django.utils.translation import get_language

# What stands for an argument while the statement is compiled: integers that
# no real id or count is.
_MARKER_BASE = -(2**62) + 7_919


class FixedRead:
    """`build(**arguments)` returns a `.values(...)` queryset whose statement
    never changes but with the language and the values of the integer
    `arguments`; calling the FixedRead with those arguments gives its rows as
    dicts, as iterating that queryset would."""

    def __init__(
        self, build, arguments: tuple[str, ...] = (), arrays: tuple[str, ...] = ()
    ):
        self.build = build
        self.arguments = (*arguments, *arrays)
        self.arrays = arrays
        self.__doc__ = build.__doc__
        self._compiled: dict[str | None, tuple] = {}

    def __call__(self, **values) -> list[dict]:
        if set(values) != set(self.arguments):
            raise TypeError(f"{self.build.__qualname__} takes {self.arguments}")
        language = get_language()
        try:
            using, sql, params, names, converters = self._compiled[language]
        except KeyError:
            compiled = self._compiled[language] = self._compile()
            using, sql, params, names, converters = compiled
        if sql is None:
            return []
        if self.arguments:
            values = {
                name: [operator.index(v) for v in value]
                if name in self.arrays
                else operator.index(value)
                for name, value in values.items()
            }
            params = [
                values[param.name] if isinstance(param, _Argument) else param
                for param in params
            ]
        connection = connections[using]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        if converters:  # as SQLCompiler.apply_converters does
            rows = [list(row) for row in rows]
            for row in rows:
                for place, (functions, expression) in converters:
                    for function in functions:
                        row[place] = function(row[place], expression, connection)
        return [dict(zip(names, row, strict=True)) for row in rows]

    def _compile(self) -> tuple:
        markers = {
            name: _MARKER_BASE + place for place, name in enumerate(self.arguments)
        }
        # An array argument is built as a list of its marker alone.
        queryset = self.build(
            **{
                name: [marker] if name in self.arrays else marker
                for name, marker in markers.items()
            }
        )
        query = queryset.query
        if not query.values_select and not query.annotation_select:
            raise ImproperlyConfigured(f"{self.build.__qualname__}: give .values()")
        if getattr(queryset, "translation_fields", None):
            raise ImproperlyConfigured(
                f"{self.build.__qualname__} reads translated fields through "
                "modeltranslation's fallbacks: annotate shown_in_language()."
            )
        compiler = query.get_compiler(using=queryset.db)
        # The columns' names in the statement's order, as Django's ValuesIterable
        # reads them.
        names = list(query.selected or ()) or [
            *query.extra_select,
            *query.values_select,
            *query.annotation_select,
        ]
        try:
            sql, params = compiler.as_sql()
        except EmptyResultSet:
            return queryset.db, None, (), names, ()
        columns = [column for column, _sql, _alias in compiler.select]
        converters = tuple(compiler.get_converters(columns).items())
        by_marker = {marker: name for name, marker in markers.items()}
        params = [_argument(p, by_marker) for p in params]
        unused = set(markers) - {p.name for p in params if isinstance(p, _Argument)}
        if unused:
            raise ImproperlyConfigured(
                f"{self.build.__qualname__}: {sorted(unused)} not in its statement"
            )
        return queryset.db, sql, tuple(params), names, converters


def _argument(param, by_marker: dict):
    """The argument whose marker `param` is (an integer, or a list of one),
    else `param` itself."""
    marker = param[0] if type(param) is list and len(param) == 1 else param
    if type(marker) is int and marker in by_marker:
        return _Argument(by_marker[marker])
    return param


class _Argument:
    """An argument's place among a compiled statement's parameters."""

    def __init__(self, name: str):
        self.name = name


def id_array(pks: list[int]) -> RawSQL:
    """Records by id, the list as one array parameter (a long IN list costs
    more): `filter(pk__in=id_array(ids))`."""
    return RawSQL("SELECT unnest(%s::bigint[])", (pks,))


def fixed_read(*arguments: str, arrays: tuple[str, ...] = ()):
    """Decorator: `@fixed_read()`, `@fixed_read("cycle")` or
    `@fixed_read(arrays=("ids",))`; see FixedRead."""
    return lambda build: FixedRead(build, arguments, arrays)
