"""CSV written by PostgreSQL (COPY ... TO STDOUT) for tables whose cells the
database can compute itself: no Python per row, so close to COPY's own speed.

A Table with `copy` set gives a SELECT whose columns are its cells in the order
of its columns, text already neutralised with `Neutralised` (the same rule as
writers.neutralise). bench/export.py compares its rows/s with COPY's; the
tests compare its cells with the Python writer's.
"""

from django.db import connection
from django.db.models import Func, TextField

# writers.FORMULA_START and writers._SIGNED_NUMBER, as PostgreSQL regular
# expressions ('\t' and '\r' are escapes of the regular expression itself).
_STARTS_LIKE_A_FORMULA = r"^[-=+@\t\r]"
_SIGNED_NUMBER = r"^[+-][0-9]+(\.[0-9]+)?$"


class Neutralised(Func):
    """Text that starts like a formula gets a leading apostrophe, in SQL."""

    output_field = TextField()

    def as_sql(self, compiler, connection, **extra):
        text, params = compiler.compile(self.source_expressions[0])
        sql = (
            f"CASE WHEN ({text}) ~ '{_STARTS_LIKE_A_FORMULA}' "
            f"AND ({text}) !~ '{_SIGNED_NUMBER}' "
            f"THEN '''' || ({text}) ELSE ({text}) END"
        )
        return sql, tuple(params) * 4


class IsoTime(Func):
    """A time as Python's isoformat() writes one in UTC: seconds, then
    microseconds only when there are some, then +00:00."""

    output_field = TextField()

    def as_sql(self, compiler, connection, **extra):
        time, params = compiler.compile(self.source_expressions[0])
        utc = f"(({time}) AT TIME ZONE 'UTC')"
        sql = (
            f"(to_char({utc}, 'YYYY-MM-DD\"T\"HH24:MI:SS') || CASE WHEN "
            f"mod(date_part('microseconds', {utc})::bigint, 1000000) <> 0 "
            f"THEN to_char({utc}, '.US') ELSE '' END || '+00:00')"
        )
        return sql, tuple(params) * 3


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
