"""The matrix's body, written in Python rather than in a template loop.

A full matrix has 48 x 57 = 2,736 cells. Through the template engine each cell
cost a `{% url %}`, two `{% translate %}` and some 130 bytes; here the parts
that repeat (the address of a report, the code of each level) are computed
once per page and each cell is one short string:

    <td class=l2><a href=/en/reports/1234/>IP</a>

Omitted `</td>` end tags and unquoted attribute values are valid HTML (the
values here are fixed class names and addresses made by `reverse`, without
spaces or quotes). The codes are explained by the legend and the table's
description (abbr with title there); row and column headers carry scope.
"""

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from common.links import address_maker

from .selectors import LEVELS, SHORT, Matrix

# Fixed class names: the short codes are translated, the classes are not.
LEVEL_CLASS = {level.value: f"l{i}" for i, level in enumerate(LEVELS)}
EMPTY = "<td class=e>–"


def matrix_rows(matrix: Matrix) -> SafeString:
    """The rows of the matrix's body: a header cell per participant, then a
    cell per mandate. Names are escaped; everything else is made here."""
    address = address_maker("progress:report_detail")
    participant_address = address_maker("public_site:dashboard_participant")
    cells = {
        level: f"<td class={LEVEL_CLASS[level]}><a href={{}}>{escape(SHORT[each])}</a>"
        for each in LEVELS
        for level in [each.value]
    }
    parts = []
    for row in matrix.rows:
        participant = row.participant
        url = escape(participant_address(participant.code))
        parts.append(
            f'<tr><th scope=row><a href="{url}">{escape(participant.name)}</a>'
        )
        parts.extend(
            cells[cell.level].format(address(cell.report_id)) if cell.level else EMPTY
            for cell in row.cells
        )
        parts.append("</tr>\n")
    return mark_safe("".join(parts))  # noqa: S308 - every part is escaped or fixed
