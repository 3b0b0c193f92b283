"""Reads whose SQL is the same on every request, compiled once per process.

Building a queryset and compiling it costs Python time on every request:
Django's Query, its lookups and compiler, and modeltranslation's rewrites
took 0.2 to 1 ms per query on the public pages, often longer than PostgreSQL
took to answer. A read whose statement depends on nothing but the active
language (which column of a translated field it reads) can be compiled once
per process and language, then run as SQL each time.

Only the statement is kept: its rows are read from the database on every
call, so nothing here is ever out of date. Only plain columns may be read
(those that Django converts, such as JSON or decimals, are refused when the
statement is compiled), and no translated field through modeltranslation's
fallbacks: select shown_in_language() annotations instead.
"""

from django.core.exceptions import EmptyResultSet, ImproperlyConfigured
from django.db import connections
from django.utils.translation import get_language


class FixedRead:
    """`build()` returns a `.values(...)` queryset whose statement never
    changes but with the language; calling the FixedRead gives its rows as
    dicts, as iterating that queryset would."""

    def __init__(self, build):
        self.build = build
        self.__doc__ = build.__doc__
        self._compiled: dict[str | None, tuple] = {}

    def __call__(self) -> list[dict]:
        language = get_language()
        try:
            using, sql, params, names = self._compiled[language]
        except KeyError:
            using, sql, params, names = self._compiled[language] = self._compile()
        if sql is None:
            return []
        with connections[using].cursor() as cursor:
            cursor.execute(sql, params)
            return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

    def _compile(self) -> tuple:
        queryset = self.build()
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
            return queryset.db, None, (), names
        columns = [column for column, _sql, _alias in compiler.select]
        if compiler.get_converters(columns):
            raise ImproperlyConfigured(
                f"{self.build.__qualname__} reads a column that Django converts."
            )
        return queryset.db, sql, tuple(params), names


def fixed_read(build) -> FixedRead:
    """Decorator: see FixedRead."""
    return FixedRead(build)
