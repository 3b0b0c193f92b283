"""(d) Technical-assistance needs, each with the regional capacities that fit it
best and the cooperation initiatives the secretariat recorded on it."""

from django.utils.translation import gettext_lazy

from common.exports import Column
from common.exports.tables import chunked
from good_practices.selectors import capacities_for_needs, initiatives_by_need
from progress import export_columns as shared
from progress.models import ProgressReport

from ..params import ReportParams
from .base import ReportKind
from .common import CHUNK, PARTICIPANT_COLUMNS, Lookups

MATCHES_PER_NEED = 3
MATCHED_CAPACITIES = Column(
    "matched_capacities",
    gettext_lazy("Matched capacities"),
    gettext_lazy(
        "Up to three published regional capacities that fit the need best: "
        "same mandate first, then same type of support, then closest text. "
        "Each as “title (offered by)”, separated by “; ”."
    ),
)
COOPERATION_INITIATIVES = Column(
    "cooperation_initiatives",
    gettext_lazy("Cooperation initiatives"),
    gettext_lazy(
        "Initiatives the secretariat recorded on this need, each as "
        "“capacity title [status code]”, separated by “; ”."
    ),
)


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
        MATCHED_CAPACITIES,
        COOPERATION_INITIATIVES,
    ]


def _needs(params: ReportParams, lookups: Lookups):
    return lookups.narrow(params.reports().needing_assistance())


def _needs_count(params: ReportParams) -> int:
    return _needs(params, Lookups(params)).count()


def _needs_rows(params: ReportParams):
    for rows in chunked(_need_rows(params), CHUNK):
        _add_matches(rows)
        yield from rows


def _add_matches(rows: list[dict]) -> None:
    """Fill the two cooperation columns for one chunk of needs, in a few queries."""
    ids = [row["report_id"] for row in rows]
    needs = ProgressReport.objects.filter(pk__in=ids).only(
        "pk", "mandate_id", "assistance_type", "assistance_description"
    )
    fits = capacities_for_needs(needs, per_need=MATCHES_PER_NEED)
    initiatives = initiatives_by_need(ids)
    for row in rows:
        row["matched_capacities"] = "; ".join(
            f"{capacity.title} ({capacity.participant.name})"
            for capacity, _fit in fits.get(row["report_id"], [])
        )
        row["cooperation_initiatives"] = "; ".join(
            f"{initiative.capacity.title} [{initiative.status}]"
            for initiative in initiatives.get(row["report_id"], [])
        )


def _need_rows(params: ReportParams):
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


KIND = ReportKind(
    key="needs",
    title=gettext_lazy("Technical-assistance needs"),
    description=gettext_lazy(
        "Every report that asks for technical assistance: what, of which "
        "type, for which mandate, with the capacities that fit it best and "
        "the cooperation initiatives recorded on it."
    ),
    columns=_needs_columns,
    count=_needs_count,
    rows=_needs_rows,
)
