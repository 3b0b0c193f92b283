"""The public part of /api/v1/: cycles, published reports and the dashboards'
aggregates. Reads use the same selectors and filters as the public pages and
their downloads, so the three always agree."""

from types import SimpleNamespace

from django.conf import settings
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

from accounts.models import Participant
from accounts.selectors import participant_get
from common.api_fast import translated
from common.filters import FilterBackend
from common.pagecache import PublicApiMixin
from common.params import chosen, query_int
from mandates.selectors import mandate_get
from progress.models import ProgressReport, ReportingCycle

from . import serializers as s
from .dashboards import selectors as dashboards
from .opendata.datasets import published_reports
from .opendata.filters import PublishedReportFilter
from .opendata.paging import PublishedReportSequence


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
            queryset = PublishedReportRows(queryset)
        return super().paginate_queryset(queryset)


class PublishedReportRows(PublishedReportSequence):
    """The sequence's pages read as rows rather than model instances.

    A page of 100 reports with their cycle, participant, mandate and section
    made 500 instances, at some 30 µs each; a row is a namespace with the same
    attribute names, and a page's few participants, cycles and mandates are
    shared between its reports. The serializer reads rows and instances alike
    (tests/lima_portal/test_api_fast.py compares them).
    """

    def read(self, condition):
        shared = {}  # the page's few participants, cycles and mandates, once each
        return [
            self._row(values, shared)
            for values in self.reports.filter(condition).values(
                *REPORT_COLUMNS, *RELATED
            )
        ]

    @staticmethod
    def _row(values: dict, shared: dict) -> SimpleNamespace:
        report = SimpleNamespace(**{name: values[name] for name in REPORT_COLUMNS})
        report.participant = _once(
            shared, ("participant", report.participant_id), _participant_row, values
        )
        report.cycle = _once(shared, ("cycle", report.cycle_id), _cycle_row, values)
        report.mandate = _once(
            shared, ("mandate", report.mandate_id), _mandate_row, values
        )
        return report


def _once(shared: dict, key, make, values):
    if key not in shared:
        shared[key] = make(values)
    return shared[key]


REPORT_COLUMNS = (
    "id",
    "cycle_id",
    "participant_id",
    "mandate_id",
    *ProgressReport.CONTENT_FIELDS,
    "indicator_values",
    "published_at",
)
NAMES = [f"name_{code}" for code, _name in settings.LANGUAGES]
RELATED = (
    "cycle__name",
    "participant__code",
    "participant__kind",
    *(f"participant__{name}" for name in NAMES),
    "mandate__number",
    "mandate__section__code",
)


def _cycle_row(values) -> SimpleNamespace:
    return SimpleNamespace(name=values["cycle__name"])


def _mandate_row(values) -> SimpleNamespace:
    code = values["mandate__section__code"]
    return SimpleNamespace(
        number=values["mandate__number"],
        section=None if code is None else SimpleNamespace(code=code),
    )


def _participant_row(row) -> SimpleNamespace:
    participant = SimpleNamespace(
        code=row["participant__code"],
        kind=row["participant__kind"],
        **{name: row[f"participant__{name}"] for name in NAMES},
    )
    participant.name = translated(Participant, "name", participant)
    return participant


# --- Dashboards ----------------------------------------------------------------------

CYCLE = OpenApiParameter(
    "cycle", OpenApiTypes.INT, description="Cycle id; the latest published by default."
)


def _cycle(request):
    cycles = dashboards.dashboard_cycles()
    if not request.query_params.get("cycle"):
        return cycles.first()
    if query_int(request.query_params, "cycle", low=1) is None:
        raise ApiValidationError({"cycle": [_("Give the id of a cycle.")]})
    return chosen(cycles, request.query_params, "cycle")


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
