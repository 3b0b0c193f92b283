"""Several counts in one round trip to the database."""

from django.core.exceptions import EmptyResultSet
from django.db import connection


def count_statement(**querysets) -> tuple[str, list, tuple[str, ...]]:
    """The statement that counts each queryset: (sql, params, names). Each
    count is a scalar subquery of the same SELECT."""
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
    return "SELECT " + ", ".join(parts), params, tuple(querysets)


def run_counts(statement: tuple[str, list, tuple[str, ...]]) -> dict[str, int]:
    """{name: count} from a statement of count_statement(). A page whose
    querysets never change may build its statement once and run it on every
    request: building it can cost more than running it."""
    sql, params, names = statement
    if not names:
        return {}
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    return dict(zip(names, row, strict=True))


def counts(**querysets) -> dict[str, int]:
    """{name: queryset.count()} in a single statement. For pages that show a
    handful of totals, where each separate COUNT costs more to build and send
    than to run."""
    return run_counts(count_statement(**querysets))
