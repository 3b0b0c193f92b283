"""Public dashboards: published progress only, charts with equivalent tables."""

from django.core.exceptions import ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from accounts.selectors import participant_get, participant_names
from civil_society import public as civil_society
from common.exports import FORMATS, Column, Table
from common.exports.http import table_response
from common.links import address_maker
from common.pagecache import public_page
from common.params import query_int
from mandates.selectors import mandate_get, mandate_rows
from progress import export_columns as shared

from ..markup import link_items
from . import selectors
from .charts import level_bar_chart
from .markup import matrix_rows


def _chosen_cycle(request, cycles: list):
    """The cycle the query names among `cycles`, or the latest one."""
    pk = query_int(request.GET, "cycle", low=1)
    return next((c for c in cycles if c.pk == pk), cycles[0] if cycles else None)


@public_page
def dashboards(request):
    cycles = list(selectors.dashboard_cycles())  # one query serves the picker too
    cycle = _chosen_cycle(request, cycles)
    sections = selectors.section_progress(cycle=cycle) if cycle else []
    mandates = _mandate_links([row.number for row in mandate_rows()], named=True)
    participants = _participant_links(participant_names())
    return render(
        request,
        "public_site/dashboards/overview.html",
        {
            "cycles": cycles,
            "cycle": cycle,
            "sections": sections,
            # Civil society's counts: a table of their own (see the template).
            "observation_sections": civil_society.section_observation_counts(
                cycle=cycle
            )
            if cycle
            else [],
            "legend": selectors.level_legend(),
            "mandate_links": mandates,
            "participant_links": participants,
            "mandate_items": link_items(mandates),
            "participant_items": link_items(participants),
        },
    )


def _mandate_links(numbers, *, named: bool = False) -> list[tuple[str, str | int]]:
    """(address of the mandate's dashboard, number) of each mandate; with
    `named`, the number as "Mandate 13"."""
    address = address_maker("public_site:dashboard_mandate")
    name = _("Mandate %(number)s")
    return [
        (address(number), name % {"number": number} if named else number)
        for number in numbers
    ]


def _participant_links(participants) -> list[tuple[str, str]]:
    """(address of the participant's dashboard, name) of (code, name) pairs."""
    address = address_maker("public_site:dashboard_participant")
    return [(address(code), name) for code, name in participants]


@public_page
def dashboard_matrix(request):
    form = selectors.MatrixFilterForm(request.GET)
    try:
        filters = form.filters()
    except ValidationError:
        return render(
            request,
            "public_site/dashboards/matrix.html",
            {"form": form, "matrix": None},
            status=400,
        )
    matrix = selectors.level_matrix(**filters)
    return render(
        request,
        "public_site/dashboards/matrix.html",
        {
            "form": form,
            "matrix": matrix,
            "matrix_rows": matrix_rows(matrix),
            "mandate_links": _mandate_links(m.number for m in matrix.mandates),
            "legend": selectors.level_legend(),
            "query": request.GET.urlencode(),
            "formats": FORMATS,
        },
    )


def matrix_table(matrix: selectors.Matrix) -> Table:
    """The matrix exactly as the page shows it, as a table to download."""
    cycle_name = matrix.cycle.name if matrix.cycle else ""
    columns = [
        shared.CYCLE,
        shared.PARTICIPANT_CODE,
        shared.PARTICIPANT_NAME,
        shared.PARTICIPANT_KIND_IN_WORDS,
        *[
            Column(
                f"mandate_{m.number}",
                _("Mandate %(number)s") % {"number": m.number},
                _("Implementation level of the published report on mandate %(number)s.")
                % {"number": m.number},
                choices=shared.LEVEL_WORDS,
            )
            for m in matrix.mandates
        ],
    ]
    rows = (
        {
            "cycle": cycle_name,
            "participant_code": row.participant.code,
            "participant_name": row.participant.name,
            "participant_kind": row.participant.kind,
            **{
                f"mandate_{m.number}": cell.level
                for m, cell in zip(matrix.mandates, row.cells, strict=True)
            },
        }
        for row in matrix.rows
    )
    return Table(name="matrix", title=_("Matrix"), columns=columns, rows=rows)


def dashboard_matrix_download(request, fmt: str):
    if fmt not in FORMATS:
        raise Http404
    try:
        filters = selectors.matrix_filters(request.GET)
    except ValidationError as error:
        return JsonResponse({"errors": error.message_dict}, status=400)
    matrix = selectors.level_matrix(**filters)
    return table_response(matrix_table(matrix), fmt, "lima-matrix")


@public_page
def dashboard_mandate(request, number: int):
    mandate = mandate_get(number=number)
    return _per_cycle_page(
        request,
        selectors.mandate_progress(mandate=mandate),
        {"mandate": mandate},
    )


@public_page
def dashboard_participant(request, code: str):
    participant = participant_get(code=code)
    return _per_cycle_page(
        request,
        selectors.participant_progress(participant=participant),
        {"participant": participant},
    )


def _per_cycle_page(request, per_cycle, context):
    chosen = request.GET.get("cycle", "")
    current = next((d for d in per_cycle if d.key == chosen), None)
    current = current or (per_cycle[0] if per_cycle else None)
    return render(
        request,
        "public_site/dashboards/progress_detail.html",
        {
            **context,
            "per_cycle": per_cycle,
            "current": current,
            "current_rows": [current] if current else [],
            "chart": level_bar_chart(current) if current else None,
            "legend": selectors.level_legend(),
        },
    )
