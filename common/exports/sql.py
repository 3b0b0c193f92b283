"""CSV written by PostgreSQL (COPY ... TO STDOUT) for tables whose cells the
database can compute itself: no Python per row, so close to COPY's own speed.

A Table with `copy` set gives a SELECT whose columns are its cells in the order
of its columns, text already neutralised with `Neutralised` (the same rule as
writers.neutralise). bench/export.py compares its rows/s with COPY's; the
tests compare its cells with the Python writer's.
"""

from django.db import connection
from django.db.models import Func, TextField

# writers.FORMULA_START is the list in neutralised_sql() (chr(9): a tab,
# chr(13): a carriage return); writers._SIGNED_NUMBER as a PostgreSQL regex.
_SIGNED_NUMBER = r"^[+-][0-9]+(\.[0-9]+)?$"


def neutralised_sql(text: str) -> str:
    """SQL of the text `text` (an SQL expression) with a leading apostrophe when
    it starts like a formula; `text` appears four times in it. The first
    character is compared first: a regular expression reads the whole text."""
    return (
        f"CASE WHEN ascii({text}) IN (61, 43, 45, 64, 9, 13) "
        f"AND ({text}) !~ '{_SIGNED_NUMBER}' "
        f"THEN '''' || ({text}) ELSE ({text}) END"
    )


class Neutralised(Func):
    """Text that starts like a formula gets a leading apostrophe, in SQL."""

    output_field = TextField()

    def as_sql(self, compiler, connection, **extra):
        text, params = compiler.compile(self.source_expressions[0])
        return neutralised_sql(text), tuple(params) * 4


class IsoTime(Func):
    """A time as Python's isoformat() writes one in UTC: seconds, then
    microseconds only when there are some, then +00:00."""

    output_field = TextField()

    def as_sql(self, compiler, connection, **extra):
        time, params = compiler.compile(self.source_expressions[0])
        utc = f"(({time}) AT TIME ZONE 'UTC')"
        # One to_char(); ".000000" can only be the microseconds, which
        # isoformat() leaves out when they are zero.
        sql = (
            f"(replace(to_char({utc}, 'YYYY-MM-DD\"T\"HH24:MI:SS.US'), "
            "'.000000', '') || '+00:00')"
        )
        return sql, tuple(params)


class _Bytes:
    """What psycopg2 writes COPY's output to: `out`, as bytes."""

    def __init__(self, out):
        self.out = out

    def write(self, data) -> int:
        self.out.write(data if isinstance(data, bytes) else data.encode())
        return len(data)


def copy_csv(select: tuple[str, tuple], out) -> int:
    """COPY the SELECT's rows as CSV (no header; lines end with \\n) into the
    binary file `out`; returns the number of rows. The SELECT's parameters are
    bound by psycopg2 (mogrify), as for any query."""
    sql, params = select
    with connection.cursor() as cursor:
        query = cursor.mogrify(sql, params).decode()
        cursor.copy_expert(f"COPY ({query}) TO STDOUT WITH (FORMAT csv)", _Bytes(out))
        return cursor.rowcount
