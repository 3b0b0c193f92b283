"""Several counts in one round trip to the database."""

from django.core.exceptions import EmptyResultSet
from django.db import connection


def counts(**querysets) -> dict[str, int]:
    """{name: queryset.count()} in a single statement: each count is a scalar
    subquery of the same SELECT. For pages that show a handful of totals,
    where each separate COUNT costs more to build and send than to run."""
    if not querysets:
        return {}
    parts, params = [], []
    for queryset in querysets.values():
        try:
            sql, inner = queryset.order_by().values("pk").query.sql_with_params()
        except EmptyResultSet:  # .none(), or a filter that matches nothing
            parts.append("0")
            continue
        # Django compiled `sql`; every value in it is a parameter.
        parts.append(f"(SELECT COUNT(*) FROM ({sql}) AS counted)")  # noqa: S608
        params.extend(inner)
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(parts), params)
        row = cursor.fetchone()
    return dict(zip(querysets, row, strict=True))
