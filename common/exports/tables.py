from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from itertools import islice

# The types of the Frictionless Table Schema, which the data dictionary uses.
COLUMN_TYPES = {"string", "integer", "number", "boolean", "date", "datetime", "any"}


@dataclass(frozen=True)
class Column:
    """One column of an export: its stable key, what people read, what it means.

    `choices` maps the codes a column holds to the words the site shows for
    them (lazy translations, read in the language of the export): XLSX shows
    the words, and the codes on a sheet of their own; CSV and JSON keep the
    codes, for machines.
    """

    key: str
    label: str
    description: str
    type: str = "string"
    choices: Mapping[str, str] | None = field(default=None, hash=False)

    def __post_init__(self):
        if self.type not in COLUMN_TYPES:
            raise ValueError(f"unknown column type {self.type!r}")


@dataclass
class Table:
    """Columns and a lazy iterator of rows: dicts keyed by column key or, when
    `sequences` is true, tuples (or lists) of cells in the order of the columns,
    which the big exports build because they cost less per row than dicts."""

    name: str
    title: str
    columns: list[Column]
    rows: Iterable[dict]
    count: Callable[[], int] = field(default=lambda: 0)
    meta: dict = field(default_factory=dict)
    sequences: bool = False
    # Optional: a function that gives (sql, params) of a SELECT of the same
    # rows, cells as CSV text, neutralised (common.exports.sql): the CSV is then
    # written by PostgreSQL's COPY. JSON and XLSX still read `rows`.
    copy: Callable[[], tuple[str, tuple]] | None = None

    @property
    def keys(self) -> list[str]:
        return [column.key for column in self.columns]


def as_sequences(table: Table, rows: Iterable) -> Iterable:
    """The rows as sequences of cells in the order of the columns."""
    if table.sequences:
        return rows
    keys = table.keys
    return ([row.get(key) for key in keys] for row in rows)


def chunked(rows: Iterable, size: int) -> Iterator[list]:
    iterator = iter(rows)
    while chunk := list(islice(iterator, size)):
        yield chunk


def reporting(
    rows: Iterable[dict], progress: Callable[[int], None] | None, every: int = 500
) -> Iterator[dict]:
    """Pass rows through, telling `progress` how many went by, now and then."""
    done = 0
    for row in rows:
        yield row
        done += 1
        if progress and done % every == 0:
            progress(done)
    if progress:
        progress(done)
