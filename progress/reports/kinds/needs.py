"""(d) Technical-assistance needs. good_practices adds the matched capacities
through registry.extend("needs", ...): see progress.reports.registry."""

from django.utils.translation import gettext_lazy

from common.exports import Column
from progress import export_columns as shared

from ..params import ReportParams
from ..registry import ReportKind, register
from .common import CHUNK, PARTICIPANT_COLUMNS, Lookups


def _needs_columns(params: ReportParams) -> list[Column]:
    return [
        shared.REPORT_ID,
        shared.CYCLE,
        *PARTICIPANT_COLUMNS,
        shared.MANDATE_NUMBER,
        shared.SECTION,
        shared.STATUS,
        shared.IMPLEMENTATION_LEVEL,
        shared.ASSISTANCE_TYPE,
        shared.ASSISTANCE_DESCRIPTION,
        shared.LANGUAGE,
    ]


def _needs(params: ReportParams, lookups: Lookups):
    return lookups.narrow(params.reports().needing_assistance())


def _needs_count(params: ReportParams) -> int:
    return _needs(params, Lookups(params)).count()


def _needs_rows(params: ReportParams):
    lookups = Lookups(params)
    reports = (
        _needs(params, lookups)
        .order_by(
            "cycle__opens_on",
            "cycle_id",
            "participant__kind",
            "participant__code",
            "mandate__number",
        )
        .values(
            "pk",
            "cycle_id",
            "participant_id",
            "mandate_id",
            "status",
            "implementation_level",
            "assistance_type",
            "assistance_description",
            "language",
        )
        .iterator(chunk_size=CHUNK)
    )
    for report in reports:
        mandate = lookups.mandate[report["mandate_id"]]
        yield {
            "report_id": report["pk"],
            "cycle": lookups.cycle[report["cycle_id"]].name,
            **lookups.participant_cells[report["participant_id"]],
            "mandate_number": mandate.number,
            "section": mandate.section.code if mandate.section else "",
            "status": report["status"],
            "implementation_level": report["implementation_level"],
            "assistance_type": report["assistance_type"],
            "assistance_description": report["assistance_description"],
            "language": report["language"],
        }


NEEDS = register(
    ReportKind(
        key="needs",
        title=gettext_lazy("Technical-assistance needs"),
        description=gettext_lazy(
            "Every report that asks for technical assistance: what, of which "
            "type, for which mandate. The capacities matched to each need are "
            "added when the good-practices module is installed."
        ),
        columns=_needs_columns,
        count=_needs_count,
        rows=_needs_rows,
        position=4,
    )
)
