"""(b) For the chosen mandates, every participant's indicator values."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from common.exports import Column
from mandates.models import Indicator
from progress import export_columns as shared

from ..params import ReportParams
from .base import ReportKind
from .common import CHUNK, PARTICIPANT_COLUMNS, Lookups


def _indicators(params: ReportParams):
    return (
        Indicator.objects.filter(is_active=True, mandate__in=params.mandates())
        .select_related("mandate")
        .order_by("mandate__number", "position", "code")
    )


def _values_columns(params: ReportParams) -> list[Column]:
    indicator_columns = [
        Column(
            indicator.code,
            indicator.label,
            _("Mandate %(number)s, %(kind)s: %(label)s")
            % {
                "number": indicator.mandate.number,
                "kind": indicator.get_kind_display().lower(),
                "label": indicator.label,
            },
            shared.INDICATOR_TYPES[indicator.kind],
        )
        for indicator in _indicators(params)
    ]
    return [
        shared.REPORT_ID,
        shared.CYCLE,
        *PARTICIPANT_COLUMNS,
        shared.MANDATE_NUMBER,
        shared.STATUS,
        shared.IMPLEMENTATION_LEVEL,
        *indicator_columns,
    ]


def _values_count(params: ReportParams) -> int:
    return Lookups(params).narrow(params.reports()).count()


def _values_rows(params: ReportParams):
    lookups = Lookups(params)
    codes = [indicator.code for indicator in _indicators(params)]
    reports = (
        lookups.narrow(params.reports())
        .order_by(
            "cycle__opens_on",
            "cycle_id",
            "mandate__number",
            "participant__kind",
            "participant__code",
        )
        .values_list(
            "pk",
            "cycle_id",
            "participant_id",
            "mandate_id",
            "status",
            "implementation_level",
            "indicator_values",
        )
        .iterator(chunk_size=CHUNK)
    )
    for pk, cycle_id, participant_id, mandate_id, status, level, values in reports:
        row = {
            "report_id": pk,
            "cycle": lookups.cycle[cycle_id].name,
            **lookups.participant_cells[participant_id],
            "mandate_number": lookups.mandate[mandate_id].number,
            "status": status,
            "implementation_level": level,
        }
        row.update((code, values[code]) for code in codes if code in values)
        yield row


KIND = ReportKind(
    key="values",
    title=gettext_lazy("Indicator values"),
    description=gettext_lazy(
        "For the chosen mandates, every participant's report with one column "
        "per indicator."
    ),
    columns=_values_columns,
    count=_values_count,
    rows=_values_rows,
)
