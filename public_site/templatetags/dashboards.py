"""The dashboards' stacked bars and tables of levels, written in Python.

Each chart is rows x levels of small cells, and the template engine looked up,
localised and escaped every number on its own: about a third of the
dashboards page. These tags write the markup the included templates wrote
(tests/public_site/test_dashboard_markup.py compares them), from the same
Distribution rows and the page's `legend` (selectors.level_legend()).
"""

import functools

from django import template
from django.template.defaultfilters import floatformat
from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext

register = template.Library()


def _show(value) -> str:
    """What {{ value }} writes: localised, then escaped."""
    return conditional_escape(localize(value))


def _numbers_shown():
    """_show for one chart: a chart repeats a few counts and shares many
    times, and localising a number reads the active language's formats each
    time, so each number is written once per chart."""
    written: dict[tuple[type, object], str] = {}

    def show(value) -> str:
        if type(value) not in (int, float):
            return _show(value)
        key = (type(value), value)
        if key not in written:
            written[key] = _show(value)
        return written[key]

    return show


def _safe(html: str) -> SafeString:
    return mark_safe(html)  # noqa: S308 - every part is escaped or fixed


def _legend(legend) -> str:
    items = "".join(
        f'<li><span class="swatch bar-{_show(item["level"])}" aria-hidden="true">'
        f"</span> {_show(item['label'])}</li>"
        for item in legend
    )
    label = _show(gettext("Implementation levels"))
    return f'<ul class="legend" aria-label="{label}">\n  {items}\n</ul>\n'


@functools.lru_cache(maxsize=1024)
def _width(percent: float, language: str) -> str:
    """A share's width class, {{ percent|floatformat:0 }} (a Decimal rounding
    each time): at most 1,001 shares of 0.0 to 100.0 per language."""
    return floatformat(percent, 0)


def _segments(row, show) -> str:
    parts = []
    for item in row.levels:
        if not item.count:
            continue
        text = f"{_show(item.short)} {show(item.count)}" if item.percent >= 9 else ""
        width = _width(item.percent, get_language())
        parts.append(
            f'<span class="segment bar-{_show(item.level)} w-{width}">{text}</span>'
        )
    if not row.total:
        nothing = _show(gettext("nothing published"))
        parts.append(f'<span class="segment segment-empty">{nothing}</span>')
    return "".join(parts)


@register.simple_tag(takes_context=True)
def stacked_bars(context, rows, caption) -> SafeString:
    """100 % bars, one per row; each part names its level and count."""
    caption = conditional_escape(caption)
    label = gettext(
        "%(caption)s: bar chart; the table that follows gives the same figures."
    ) % {"caption": caption}
    show = _numbers_shown()
    bars = "".join(
        '\n    <div class="stacked-row">\n'
        f'      <span class="stacked-label">{_show(row.label)}</span>\n'
        f'      <span class="stacked-bar">{_segments(row, show)}</span>\n'
        f'      <span class="stacked-total">{show(row.total)}</span>\n'
        "    </div>\n  "
        for row in rows
    )
    return _safe(
        '\n<figure class="chart">\n'
        f"  <figcaption>{caption}</figcaption>\n"
        f"  {_legend(context['legend'])}\n"
        f'  <div class="stacked" role="img" aria-label="{label}">\n'
        f"  {bars}\n"
        "  </div>\n</figure>\n"
    )


def _share(item, show) -> str:
    return f' <span class="muted">({show(item.percent)}%)</span>' if item.count else ""


@register.simple_tag(takes_context=True)
def level_table(context, rows, caption, row_header) -> SafeString:
    """The figures of a chart, as a table: a row per distribution, a column per
    level, counts with their share."""
    headers = "".join(
        f'<th scope="col">{_show(item["label"])}</th>' for item in context["legend"]
    )
    body = []
    show = _numbers_shown()
    for row in rows:
        cells = "".join(
            f"<td>{show(item.count)}{_share(item, show)}</td>" for item in row.levels
        )
        body.append(
            f'\n  <tr><th scope="row">{_show(row.label)}</th>{cells}'
            f"<td>{show(row.total)}</td></tr>\n  "
        )
    return _safe(
        '<div class="table-scroll">\n<table class="figures-table">\n'
        f"  <caption>{conditional_escape(caption)}</caption>\n"
        f'  <thead><tr><th scope="col">{conditional_escape(row_header)}</th>{headers}'
        f'<th scope="col">{_show(gettext("Total"))}</th></tr></thead>\n'
        f"  <tbody>\n  {''.join(body)}\n  </tbody>\n</table>\n</div>\n"
    )
