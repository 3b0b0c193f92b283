"""(a) The matrix of participants by mandates, with each implementation level."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from common.exports import Column
from progress import export_columns as shared

from ..params import ReportParams
from .base import ReportKind
from .common import (
    PARTICIPANT_COLUMNS,
    Lookups,
    by_cycle_and_participant,
    participant_cells,
    per_cycle_and_participant_count,
)


def _matrix_columns(params: ReportParams) -> list[Column]:
    mandate_columns = [
        Column(
            f"mandate_{mandate.number}",
            _("Mandate %(number)s") % {"number": mandate.number},
            _("Implementation level reported on mandate %(number)s%(topic)s.")
            % {
                "number": mandate.number,
                "topic": f" ({mandate.topic})" if mandate.topic else "",
            },
            choices=shared.LEVEL_WORDS,
        )
        for mandate in params.mandates()
    ]
    participant_columns = [
        shared.PARTICIPANT_KIND_IN_WORDS if column.key == "participant_kind" else column
        for column in PARTICIPANT_COLUMNS
    ]
    return [shared.CYCLE, *participant_columns, *mandate_columns]


def _matrix_rows(params: ReportParams):
    lookups = Lookups(params)
    fields = ("cycle_id", "participant_id", "mandate_id", "implementation_level")
    for cycle, participant, reports in by_cycle_and_participant(
        params.reports(), lookups, fields
    ):
        row = {"cycle": cycle.name, **participant_cells(participant)}
        for report in reports:
            number = lookups.mandate[report["mandate_id"]].number
            row[f"mandate_{number}"] = report["implementation_level"]
        yield row


KIND = ReportKind(
    key="matrix",
    title=gettext_lazy("Matrix of participants by mandates"),
    description=gettext_lazy(
        "One row per participant and cycle, one column per mandate, with the "
        "implementation level each participant reported."
    ),
    columns=_matrix_columns,
    count=per_cycle_and_participant_count,
    rows=_matrix_rows,
)
