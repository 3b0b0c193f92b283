"""The public part of /api/v1/: cycles, published reports and the dashboards'
aggregates. Reads use the same selectors and filters as the public pages and
their downloads, so the three always agree."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError as ApiValidationError
from rest_framework.filters import OrderingFilter
from rest_framework.response import Response
from rest_framework.settings import api_settings

from accounts.selectors import participant_get
from common.filters import FilterBackend
from common.pagecache import PublicApiMixin
from common.params import chosen_in, query_int
from mandates.selectors import mandate_get
from progress.models import ReportingCycle

from . import serializers as s
from .dashboards import selectors as dashboards
from .opendata.datasets import published_reports
from .opendata.filters import PublishedReportFilter
from .opendata.paging import PublishedReportRows, unfiltered


class CycleViewSet(PublicApiMixin, viewsets.ReadOnlyModelViewSet):
    """Reporting cycles: when each opens, is due and closes."""

    queryset = ReportingCycle.objects.order_by("-opens_on")
    serializer_class = s.CycleSerializer
    ordering_fields = ["opens_on", "name"]


class PublishedReportViewSet(PublicApiMixin, viewsets.ReadOnlyModelViewSet):
    """Published progress reports with their indicator values.

    The filters are those of the public list of reports (/reports/) and of the
    open-data downloads, so the three give the same reports in the same order.
    """

    serializer_class = s.PublishedReportSerializer
    filterset_class = PublishedReportFilter
    filter_backends = [FilterBackend, OrderingFilter]
    ordering_fields = ["published_at", "id"]

    def get_queryset(self):
        # Built per request: the order follows the names in the asked language.
        return published_reports()

    def paginate_queryset(self, queryset):
        # The public order pages without sorting every report (opendata.paging);
        # an ?ordering= of the client's choice is the database's to sort.
        if not self.request.query_params.get(api_settings.ORDERING_PARAM):
            queryset = PublishedReportRows(
                queryset, unfiltered=unfiltered(self.request.query_params)
            )
        return super().paginate_queryset(queryset)


# --- Dashboards ----------------------------------------------------------------------

CYCLE = OpenApiParameter(
    "cycle", OpenApiTypes.INT, description="Cycle id; the latest published by default."
)


def _cycle(request):
    cycles = dashboards.dashboard_cycles()
    if not request.query_params.get("cycle"):
        return cycles[0] if cycles else None
    if query_int(request.query_params, "cycle", low=1) is None:
        raise ApiValidationError({"cycle": [_("Give the id of a cycle.")]})
    return chosen_in(cycles, request.query_params, "cycle")


class DashboardViewSet(PublicApiMixin, viewsets.GenericViewSet):
    """Aggregates of published progress, as the public dashboards show them.

    The router also serves each action with a format suffix (`matrix.json`),
    passing `format`: every action takes it, as DRF's own views do.
    """

    filter_backends: list = []
    pagination_class = None
    serializer_class = s.DistributionSerializer

    @extend_schema(parameters=[CYCLE], responses=s.DistributionSerializer(many=True))
    @action(detail=False)
    def sections(self, request, format=None):
        """Published reports of a cycle at each implementation level, by section."""
        cycle = _cycle(request)
        rows = dashboards.section_progress(cycle=cycle) if cycle else []
        return Response(s.DistributionSerializer(rows, many=True).data)

    @extend_schema(
        parameters=[
            CYCLE,
            OpenApiParameter("participant_kind", str, enum=["state", "jswg"]),
            OpenApiParameter(
                "section", str, description="A to G, or 'none' for unplaced mandates."
            ),
        ],
        responses=s.MatrixSerializer,
    )
    @action(detail=False, serializer_class=s.MatrixSerializer)
    def matrix(self, request, format=None):
        """Participants by mandates with the published implementation levels."""
        try:
            filters = dashboards.matrix_filters(request.query_params)
        except DjangoValidationError as error:
            raise ApiValidationError(error.message_dict) from None
        matrix = dashboards.level_matrix(**filters)
        numbers = [m.number for m in matrix.mandates]
        return Response(
            s.MatrixSerializer(matrix, context={"mandate_numbers": numbers}).data
        )

    @extend_schema(
        parameters=[OpenApiParameter("number", int, OpenApiParameter.PATH)],
        responses=s.DistributionSerializer(many=True),
    )
    @action(detail=False, url_path=r"mandates/(?P<number>[0-9]+)")
    def mandate(self, request, number: str, format=None):
        """Implementation levels published on one mandate, per cycle."""
        rows = dashboards.mandate_progress(mandate=mandate_get(number=int(number)))
        return Response(s.DistributionSerializer(rows, many=True).data)

    @extend_schema(
        parameters=[OpenApiParameter("code", str, OpenApiParameter.PATH)],
        responses=s.DistributionSerializer(many=True),
    )
    @action(detail=False, url_path=r"participants/(?P<code>[A-Za-z]+)")
    def participant(self, request, code: str, format=None):
        """Implementation levels one participant published, per cycle."""
        rows = dashboards.participant_progress(participant=participant_get(code=code))
        return Response(s.DistributionSerializer(rows, many=True).data)
