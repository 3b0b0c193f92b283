"""Figures beside their targets: what `python -m bench` prints at the end.

A benchmark records each figure it measured with `record()`; the runner prints
every figure of the run in one table (figure, measured, target, measured ÷
target, met). A benchmark run alone prints its own figures the same way with
`print_table(since=...)`.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Figure:
    benchmark: str
    name: str
    value: float
    target: float
    unit: str = ""
    # True: the figure must reach the target (rows/s, a ratio to a baseline);
    # False: it must stay at or under it (a time, a memory ratio).
    at_least: bool = True

    @property
    def ratio(self) -> float:
        return self.value / self.target if self.target else float("inf")

    @property
    def met(self) -> bool:
        return self.value >= self.target if self.at_least else self.value <= self.target


FIGURES: list[Figure] = []


def record(
    benchmark: str,
    name: str,
    value: float,
    target: float,
    unit: str = "",
    *,
    at_least: bool = True,
) -> Figure:
    figure = Figure(benchmark, name, float(value), float(target), unit, at_least)
    FIGURES.append(figure)
    return figure


def _number(value: float, unit: str) -> str:
    text = f"{value:,.0f}" if abs(value) >= 100 else f"{value:.3g}"
    return f"{text} {unit}".rstrip()


def table(figures: list[Figure], missing: list[str] = ()) -> str:
    """One line per figure; `missing` names benchmarks that failed or did not run."""
    head = ("benchmark", "figure", "measured", "target", "÷ target", "met")
    lines = [
        (
            f.benchmark,
            f.name,
            _number(f.value, f.unit),
            ("≥ " if f.at_least else "≤ ") + _number(f.target, f.unit),
            f"{f.ratio:.2f}",
            "yes" if f.met else "NO",
        )
        for f in figures
    ]
    lines += [(name, "(failed or did not run)", "", "", "", "NO") for name in missing]
    widths = [max(len(row[i]) for row in [head, *lines]) for i in range(len(head))]
    out = [
        "  ".join(cell.ljust(width) for cell, width in zip(head, widths, strict=True))
    ]
    out.append("  ".join("-" * width for width in widths))
    out += [
        "  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) for row in lines
    ]
    met = sum(f.met for f in figures)
    out.append(f"{met} of {len(figures) + len(missing)} targets met.")
    return "\n".join(out)


def print_table(since: int = 0) -> None:
    """Print the figures recorded from index `since` on (one benchmark's)."""
    figures = FIGURES[since:]
    if figures:
        print("\nFigures beside their targets:\n" + table(figures), flush=True)
