"""Open-data pages and downloads; everything here is public and published only."""

from django.core.files.storage import default_storage
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from common.exports import CONTENT_TYPES, FORMATS
from common.exports.http import table_response
from common.pagecache import public_page

from ..markup import published_report_rows
from . import cache, dictionary
from .datasets import DATASETS, published_reports
from .filters import PublishedReportFilter
from .observations import (
    OBSERVATION_DATASETS,
    ObservationFilter,
    published_observations,
)
from .paging import LISTED_COLUMNS, PublishedReportRows, unfiltered


def _filtered(request):
    return PublishedReportFilter(request.GET, queryset=published_reports())


@public_page
def published_report_list(request):
    """The public list of reports; its downloads carry the same filters."""
    filterset = _filtered(request)
    reports = filterset.qs if filterset.is_valid() else published_reports().none()
    rows = PublishedReportRows(
        reports, LISTED_COLUMNS, unfiltered=unfiltered(request.GET)
    )
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "public_site/published_report_list.html",
        {
            "filterset": filterset,
            "page": page,
            "rows": published_report_rows(page),
            "filter_query": query.urlencode(),
            "formats": FORMATS,
        },
        status=200 if filterset.is_valid() else 400,
    )


def dataset_download(request, dataset: str, fmt: str):
    """All published data, or what a filtered public list shows."""
    if dataset in OBSERVATION_DATASETS and fmt in FORMATS:
        return _observation_download(request, dataset, fmt)
    if dataset not in DATASETS or fmt not in FORMATS:
        raise Http404
    if fmt == "xlsx" and not request.GET:
        return FileResponse(
            default_storage.open(cache.bulk_xlsx(dataset), "rb"),
            as_attachment=True,
            filename=f"lima-{dataset}.xlsx",
            content_type=CONTENT_TYPES["xlsx"],
        )
    filterset = _filtered(request)
    if not filterset.is_valid():
        return JsonResponse({"errors": filterset.errors}, status=400)
    table = DATASETS[dataset].table(filterset.qs)
    return table_response(table, fmt, f"lima-{dataset}")


def _observation_download(request, dataset: str, fmt: str):
    """Observations or their replies; filtered as /api/v1/observations/ is."""
    filterset = ObservationFilter(request.GET, queryset=published_observations())
    if not filterset.is_valid():
        return JsonResponse({"errors": filterset.errors}, status=400)
    table = OBSERVATION_DATASETS[dataset].table(filterset.qs)
    return table_response(table, fmt, f"lima-{dataset}")


@public_page
def open_data(request):
    return render(
        request,
        "public_site/open_data.html",
        {
            "datasets": [*DATASETS.values(), *OBSERVATION_DATASETS.values()],
            "formats": FORMATS,
            "published": published_reports().count(),
        },
    )


@public_page
def data_dictionary(request):
    return render(
        request,
        "public_site/data_dictionary.html",
        {
            "datasets": dictionary.described_datasets(),
            "csv_note": dictionary.CSV_FORMULA_NOTE,
        },
    )


def _file_url(request, key: str, fmt: str) -> str:
    if key == "matrix":
        path = reverse("public_site:dashboard_matrix_download", args=[fmt])
    else:
        path = reverse("public_site:opendata_download", args=[key, fmt])
    return request.build_absolute_uri(path)


@public_page
def datapackage(request):
    """The data dictionary as a Frictionless Data Package (datapackage.json)."""
    package = dictionary.datapackage(url=lambda key, fmt: _file_url(request, key, fmt))
    package["description"] = _(
        "Published progress of the states and JSWG entities on the 57 mandates "
        "of the Lima Commitment."
    )
    return JsonResponse(package, json_dumps_params={"ensure_ascii": False})
