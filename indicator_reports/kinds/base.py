from collections.abc import Callable, Iterable
from dataclasses import dataclass

from common.exports import Column

from ..params import ReportParams


@dataclass(frozen=True)
class ReportKind:
    """One kind of indicator report: its columns, its row count, its rows."""

    key: str
    title: str
    description: str
    columns: Callable[[ReportParams], list[Column]]
    count: Callable[[ReportParams], int]
    rows: Callable[[ReportParams], Iterable[dict]]
