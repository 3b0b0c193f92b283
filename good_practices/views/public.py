"""The public database: search, good practices and capacities.

Every record is fetched through good_practices.access, never by a bare query.
"""

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.access import is_secretariat
from accounts.selectors import participants_for
from common.exports import FORMATS
from common.exports.http import table_response
from common.files import file_response
from common.pagecache import public_page

from .. import access, selectors
from ..exports import search_table
from ..forms import DeclineForm
from ..models import Contribution, Subregion
from ..search import SearchFilters, search_facets, search_page
from ..search.observations import CountedRecords, WithObservations, with_observations

PAGE_SIZE = 20
FACET_LABELS = {
    "kind": _("Kind of record"),
    "participant": _("Shared by"),
    "section": _("Section"),
    "mandate": _("Mandate"),
    "support": _("Type of support"),
    "year": _("Year published"),
    "language": _("Language"),
}


@public_page
def search(request):
    filters = SearchFilters.from_query(request.GET)
    results = search_page(filters)
    records = results.records
    if filters.q or not results.approximate:
        # Browsing everything past the limit lists the newest records only.
        records = with_observations(filters, records)
    if not isinstance(records, WithObservations) and not records.query.is_sliced:
        records = CountedRecords(records)
    if not isinstance(records, QuerySet):
        # The page asked for, read with the count (a page past the end is
        # then read again, as the Paginator shows the last one).
        records.expect((_page_number(request) - 1) * PAGE_SIZE, PAGE_SIZE)
    page = Paginator(records, PAGE_SIZE).get_page(request.GET.get("page"))
    facets = search_facets(filters, results.sample)
    for facet in facets:
        facet.label = FACET_LABELS[facet.name]
    return render(
        request,
        "good_practices/search.html",
        {
            "filters": filters,
            "page": page,
            "count": page.paginator.count if results.count is None else results.count,
            "approximate": results.approximate,
            "facets": facets,
            "chosen": [(f, v) for f in facets for v in f.selected],
            "formats": FORMATS,
            "download_query": _without_page(request.GET),
            "can_propose": request.user.is_authenticated
            and participants_for(request.user, editable=True).exists(),
        },
    )


def _page_number(request) -> int:
    """The page number as Paginator.get_page() reads it, 1 if it is not one
    or is past any page there could be (an OFFSET must fit a bigint)."""
    try:
        number = int(request.GET.get("page", 1))
    except (TypeError, ValueError):
        return 1
    return number if 1 <= number <= 1_000_000 else 1


def _without_page(query) -> str:
    query = query.copy()
    query.pop("page", None)
    return query.urlencode()


def capacity_list(request):
    """The capacities are one kind of record of the search."""
    return redirect(f"{reverse('good_practices:search')}?kind=capacity")


def _workflow_context(request, record: Contribution) -> dict:
    """What members and the secretariat see of the workflow."""
    if not access.can_view_private(request.user, record):
        return {"private": False}
    return {
        "private": True,
        "edit_refusal": access.edit_refusal(request.user, record),
        "can_decide": is_secretariat(request.user)
        and record.status == Contribution.Status.SUBMITTED,
        "decline_form": DeclineForm(),
    }


@public_page
def practice_detail(request, pk: int):
    practice = access.practice_for_viewer(request.user, pk)
    mandates = list(practice.mandates.select_related("section"))
    mandate_ids = [m.pk for m in mandates]
    context = {
        "record": practice,
        "mandates": mandates,
        "attachments": practice.attachments.all(),
        "related_practices": selectors.related_practices(practice, mandate_ids),
        "capacities": selectors.capacities_serving(practice, mandate_ids),
        **_workflow_context(request, practice),
    }
    return render(request, "good_practices/practice_detail.html", context)


@public_page
def capacity_detail(request, pk: int):
    capacity = access.capacity_for_viewer(request.user, pk)
    mandates = list(capacity.mandates.select_related("section"))
    mandate_ids = [m.pk for m in mandates]
    context = {
        "record": capacity,
        "mandates": mandates,
        "coverage": [Subregion(code).label for code in capacity.subregions]
        + [country.name for country in capacity.countries.order_by("code")],
        "languages_offered": [
            name
            for code, name in settings.LANGUAGES
            if code in capacity.languages_offered
        ],
        "practices": selectors.related_practices(capacity, mandate_ids),
        "related_capacities": selectors.capacities_serving(capacity, mandate_ids),
        **_workflow_context(request, capacity),
    }
    if capacity.status == Contribution.Status.PUBLISHED:
        context["needs"] = selectors.needs_for_capacity(
            capacity, mandate_ids, user=request.user
        )
        context["initiatives"] = selectors.initiatives_for_capacity(
            capacity, user=request.user
        )
    return render(request, "good_practices/capacity_detail.html", context)


def attachment_download(request, pk: int, attachment_id: int):
    practice = access.practice_for_viewer(request.user, pk)
    return file_response(get_object_or_404(practice.attachments, pk=attachment_id))


def search_download(request, fmt: str):
    """What the search page shows for the same query string, as a file."""
    if fmt not in FORMATS:
        raise Http404
    filters = SearchFilters.from_query(request.GET)
    table = search_table(filters, base_url=request.build_absolute_uri("/")[:-1])
    return table_response(table, fmt, "lima-good-practices")
