"""The public catalogue pages that show published progress."""

from django.shortcuts import render

from accounts.selectors import participant_shown
from civil_society import public as civil_society
from common.exports import FORMATS
from common.pagecache import public_page
from common.params import chosen_in
from mandates.selectors import mandate_get_with_neighbours
from progress import selectors

from . import markup


@public_page
def mandate_detail(request, number: int):
    mandate, previous, following = mandate_get_with_neighbours(number=number)
    # Read once: the picker, the choice and the default are all this list.
    cycles = list(selectors.cycles_with_published(mandate=mandate))
    cycle = chosen_in(cycles, request.GET, "cycle") or next(iter(cycles), None)
    reports = (
        selectors.published_for_mandate(mandate=mandate, cycle=cycle) if cycle else []
    )
    beside = civil_society.attach(reports, mandate=mandate, cycle=cycle)
    return render(
        request,
        "public_site/mandate_detail.html",
        {
            "mandate": mandate,
            "previous": previous,
            "following": following,
            "cycles": cycles,
            "cycle": cycle,
            "reports": beside.reports,
            "rows": markup.mandate_report_rows(beside.reports),
            "observed": beside.observed,
            "unreported_observations": beside.orphans,
            "download_formats": FORMATS,
        },
    )


@public_page
def participant_detail(request, code: str):
    participant = participant_shown(code=code)
    # Read once: the picker, the choice and the default are all this list.
    cycles = list(selectors.cycles_with_published(participant=participant))
    cycle = chosen_in(cycles, request.GET, "cycle") or next(iter(cycles), None)
    reports = (
        selectors.published_for_participant(participant=participant, cycle=cycle)
        if cycle
        else []
    )
    beside = civil_society.attach(reports, participant=participant, cycle=cycle)
    return render(
        request,
        "public_site/participant_detail.html",
        {
            "participant": participant,
            "cycles": cycles,
            "cycle": cycle,
            "reports": beside.reports,
            "rows": markup.participant_report_rows(beside.reports),
            "observed": beside.observed,
            "unreported_observations": beside.orphans,
            "download_formats": FORMATS,
        },
    )
