"""The Instructions sheet of the workbook, in the person's language."""

from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _

from common.uploads import MAX_BYTES
from progress.indicators import DECIMALS, NUMBER_MAX


def _numbers() -> str:
    return _(
        "Numbers: from 0 to %(max)s. Percentages: from 0 to 100, without a "
        "percent sign. Both with at most %(decimals)s decimals."
    ) % {"max": number_format(NUMBER_MAX, force_grouping=True), "decimals": DECIMALS}


def instructions(*, participant, cycle, generated_at) -> list[tuple[str, bool]]:
    """(text, is a heading) for each row of the sheet."""
    made = date_format(timezone.localtime(generated_at), "DATETIME_FORMAT")
    rows = [
        (
            _("Reports of %(participant)s, reporting cycle %(cycle)s")
            % {"participant": participant.name, "cycle": cycle.name},
            True,
        ),
        (
            _(
                "This workbook holds one row per mandate with the content of the "
                "reports as it was on %(date)s. Fill in or change the white cells "
                "of the sheet “%(sheet)s”, save the file and upload it in your "
                "workspace: the portal then shows, mandate by mandate, what would "
                "change and every error, and saves nothing until you confirm."
            )
            % {"date": made, "sheet": _("Reports")},
            False,
        ),
        (_("How to fill it in"), True),
        (
            _(
                "Implementation level, type of assistance, yes/no answers and "
                "answers from a list: choose from the drop-down list of the cell."
            ),
            False,
        ),
        (_numbers(), False),
        (_("Leave a cell empty for no answer."), False),
        (
            _(
                "Type values, not formulas: a workbook with a formula in a cell "
                "is refused whole."
            ),
            False,
        ),
        (_("Grey cells"), True),
        (
            _(
                "Grey cells are locked: the mandate, its status, the indicators of "
                "other mandates, and the rows of reports that are submitted, "
                "validated or published or that you may not edit. A change to them "
                "is refused on upload."
            ),
            False,
        ),
        (_("Versions"), True),
        (
            _(
                "A hidden column holds the version of each report when this "
                "workbook was made. If someone saves a report in the portal after "
                "that, your row for it is refused on upload and nothing of theirs "
                "is overwritten; the other rows are saved. Download a new workbook "
                "to start from the latest content."
            ),
            False,
        ),
        (
            _(
                "Do not change the hidden first row, the hidden column or the "
                "hidden sheets: they tell the portal which participant, cycle, "
                "mandate and question each cell belongs to. A workbook of another "
                "participant or cycle, or made from another version of this "
                "template, is refused."
            ),
            False,
        ),
        (
            _("Upload the file as .xlsx, up to %(size)s MB.")
            % {"size": number_format(MAX_BYTES / 1048576, decimal_pos=0)},
            False,
        ),
    ]
    return rows
