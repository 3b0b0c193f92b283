"""Server-side charts: the geometry of an inline SVG bar chart.

No JavaScript and no library: the template draws what this computes. Each bar
carries its level's name and count as text, so colour is never the only cue,
and each chart is followed by a table with the same figures.
"""

from dataclasses import dataclass

from .selectors import Distribution

WIDTH = 640
LABEL_WIDTH = 170
BAR_HEIGHT = 26
GAP = 10
VALUE_ROOM = 90


@dataclass
class Bar:
    level: str
    label: str
    count: int
    percent: float
    y: int
    width: float
    text_y: int
    value_x: float


@dataclass
class BarChart:
    bars: list[Bar]
    width: int
    height: int
    label_x: int
    bar_x: int
    bar_height: int


def level_bar_chart(distribution: Distribution) -> BarChart:
    """One horizontal bar per level, as long as its share of the reports."""
    plot = WIDTH - LABEL_WIDTH - VALUE_ROOM
    largest = max((item.count for item in distribution.levels), default=0) or 1
    bars = []
    for index, item in enumerate(distribution.levels):
        y = GAP + index * (BAR_HEIGHT + GAP)
        width = round(plot * item.count / largest, 1)
        bars.append(
            Bar(
                level=item.level,
                label=str(item.label),
                count=item.count,
                percent=item.percent,
                y=y,
                width=width,
                text_y=y + BAR_HEIGHT // 2 + 5,
                value_x=LABEL_WIDTH + width + 6,
            )
        )
    height = GAP + len(bars) * (BAR_HEIGHT + GAP)
    return BarChart(bars, WIDTH, height, LABEL_WIDTH - 8, LABEL_WIDTH, BAR_HEIGHT)
