"""The kinds of indicator report, by key, in the order the secretariat sees them.

A kind (`kinds.base.ReportKind`) says which columns it has, how many rows it
will write (for the progress bar) and yields its rows, streaming them from the
database. The list is fixed here: adding a kind means writing its module under
`kinds/` and naming it below.
"""

from common.exports import Table

from .kinds import matrix, needs, timeliness, values
from .kinds.base import ReportKind
from .params import ReportParams

KINDS: dict[str, ReportKind] = {
    kind.key: kind for kind in (matrix.KIND, values.KIND, timeliness.KIND, needs.KIND)
}


class UnknownReportKind(KeyError):
    pass


def get(key: str) -> ReportKind:
    try:
        return KINDS[key]
    except KeyError:
        raise UnknownReportKind(key) from None


def kinds() -> list[ReportKind]:
    return list(KINDS.values())


def table(key: str, params: ReportParams, *, meta: dict | None = None) -> Table:
    """The kind's table, its rows still lazy."""
    kind = get(key)
    return Table(
        name=key,
        title=kind.title,
        columns=list(kind.columns(params)),
        rows=kind.rows(params),
        count=lambda: kind.count(params),
        meta=meta or {},
    )
