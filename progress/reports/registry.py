"""The kinds of indicator report, by key.

A kind says which columns it has, how many rows it will write (for the progress
bar) and yields its rows, streaming them from the database::

    register(ReportKind(key="matrix", title=..., description=...,
                        columns=..., count=..., rows=...))

Another app extends a kind with columns of its own, without progress importing
that app. This is how good_practices adds the capacities matched to each need::

    # good_practices/apps.py
    def ready(self):
        from common.exports import Column
        from progress.reports import registry

        registry.extend(
            "needs",
            columns=[Column("matched_capacities", _("Matched capacities"),
                            _("Regional capacities that answer this need."))],
            enrich=add_matched_capacities,
        )

    def add_matched_capacities(rows: list[dict], params) -> None:
        # One query for the whole chunk: rows carry "report_id".
        ...
        for row in rows:
            row["matched_capacities"] = "; ".join(...)

`enrich` is called once per chunk of rows (at most CHUNK rows), so an extension
can fetch what it needs for the chunk in one query and memory stays flat. An
app may also replace a kind altogether with `register(kind, replace=True)`.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from common.exports import Column, Table
from common.exports.tables import chunked

from .params import ReportParams

CHUNK = 1000


@dataclass(frozen=True)
class ReportKind:
    key: str
    title: str
    description: str
    columns: Callable[[ReportParams], list[Column]]
    count: Callable[[ReportParams], int]
    rows: Callable[[ReportParams], Iterable[dict]]
    # Where the kind comes in the list that the secretariat chooses from.
    position: int = 100


@dataclass(frozen=True)
class Extension:
    columns: list[Column]
    enrich: Callable[[list[dict], ReportParams], None]


@dataclass
class Registry:
    kinds: dict[str, ReportKind] = field(default_factory=dict)
    extensions: dict[str, list[Extension]] = field(default_factory=dict)


_registry = Registry()


class UnknownReportKind(KeyError):
    pass


def register(kind: ReportKind, *, replace: bool = False) -> ReportKind:
    if kind.key in _registry.kinds and not replace:
        raise ValueError(f"report kind {kind.key!r} is already registered")
    _registry.kinds[kind.key] = kind
    return kind


def extend(
    key: str,
    *,
    columns: list[Column],
    enrich: Callable[[list[dict], ReportParams], None],
) -> None:
    """Add columns to kind `key` (registered already or later)."""
    _registry.extensions.setdefault(key, []).append(Extension(columns, enrich))


def get(key: str) -> ReportKind:
    try:
        return _registry.kinds[key]
    except KeyError:
        raise UnknownReportKind(key) from None


def kinds() -> list[ReportKind]:
    return sorted(_registry.kinds.values(), key=lambda kind: kind.position)


def table(key: str, params: ReportParams, *, meta: dict | None = None) -> Table:
    """The kind's table with the columns of every extension, rows still lazy."""
    kind = get(key)
    extensions = _registry.extensions.get(key, [])
    columns = list(kind.columns(params))
    for extension in extensions:
        columns += extension.columns
    return Table(
        name=key,
        title=kind.title,
        columns=columns,
        rows=_extended_rows(kind.rows(params), extensions, params),
        count=lambda: kind.count(params),
        meta=meta or {},
    )


def _extended_rows(rows: Iterable[dict], extensions, params):
    if not extensions:
        yield from rows
        return
    for chunk in chunked(rows, CHUNK):
        for extension in extensions:
            extension.enrich(chunk, params)
        yield from chunk
