"""API views. Reads use the same selectors and filters as the pages; writes go
through progress.services, under the same rules as the web forms."""

import django_filters
from django.core.exceptions import ValidationError as DjangoValidationError
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import APIException
from rest_framework.exceptions import ValidationError as ApiValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from accounts.selectors import participant_get, participants_for
from mandates.models import Mandate
from mandates.selectors import mandate_get

from .. import services
from ..dashboards import selectors as dashboards
from ..indicators import applicable_indicators
from ..models import ProgressReport, ReportingCycle
from ..opendata.datasets import published_reports
from ..opendata.filters import PublishedReportFilter
from . import serializers as s


class CycleViewSet(viewsets.ReadOnlyModelViewSet):
    """Reporting cycles: when each opens, is due and closes."""

    queryset = ReportingCycle.objects.order_by("-opens_on")
    serializer_class = s.CycleSerializer
    ordering_fields = ["opens_on", "name"]


class PublishedReportViewSet(viewsets.ReadOnlyModelViewSet):
    """Published progress reports with their indicator values.

    The filters are those of the public list of reports (/reports/) and of the
    open-data downloads, so the three give the same reports in the same order.
    """

    queryset = published_reports()
    serializer_class = s.PublishedReportSerializer
    filterset_class = PublishedReportFilter
    ordering_fields = ["published_at", "id"]


# --- Focal points' own reports -----------------------------------------------------


class Conflict(APIException):
    """409, with the report's current version so the client can start again."""

    status_code = status.HTTP_409_CONFLICT
    default_code = "stale"

    def __init__(self, stale: services.StaleReport):
        super().__init__(stale.messages[0])
        self.detail = {"detail": self.detail, "version": stale.current.version}


def _run(service, **kwargs):
    """Call a service; its refusals become the API's answers (400, 403, 409)."""
    try:
        return service(**kwargs)
    except services.StaleReport as stale:
        raise Conflict(stale) from None
    except DjangoValidationError as error:
        detail = error.message_dict if hasattr(error, "error_dict") else error.messages
        raise ApiValidationError(detail) from None


class WorkspaceReportFilter(django_filters.FilterSet):
    cycle = django_filters.NumberFilter(field_name="cycle_id")
    participant = django_filters.CharFilter(
        field_name="participant__code", lookup_expr="iexact"
    )
    mandate = django_filters.NumberFilter(field_name="mandate__number")
    status = django_filters.ChoiceFilter(choices=ProgressReport.Status.choices)

    class Meta:
        model = ProgressReport
        fields: list[str] = []


@extend_schema_view(
    partial_update=extend_schema(
        request=s.WorkspaceReportUpdateSerializer,
        responses={
            200: s.WorkspaceReportSerializer,
            409: OpenApiResponse(s.StaleSerializer, description="Stale version."),
        },
    ),
    create=extend_schema(
        request=s.WorkspaceReportStartSerializer,
        responses={201: s.WorkspaceReportSerializer},
    ),
)
class WorkspaceReportViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """The reports of the participants you are a member of, in any status.

    Sign in with a token (`Authorization: Token <key>`, made on the portal's
    "API token" page). Focal points start, edit and submit drafts; observers
    read only (403 on writes). Reports of other participants answer 404.
    A save names the `version` it is based on; if the report changed since,
    the answer is 409 with the current version and nothing is saved.
    """

    serializer_class = s.WorkspaceReportSerializer
    permission_classes = [IsAuthenticated]
    filterset_class = WorkspaceReportFilter
    ordering_fields = ["updated_at", "id"]
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        return (
            ProgressReport.objects.filter(
                participant__in=participants_for(self.request.user)
            )
            .select_related("participant", "mandate__section", "cycle")
            .order_by("-cycle__opens_on", "participant__code", "mandate__number")
        )

    def create(self, request, *args, **kwargs):
        start = s.WorkspaceReportStartSerializer(data=request.data)
        start.is_valid(raise_exception=True)
        data = start.validated_data
        report = _run(
            services.report_start,
            user=request.user,
            participant=participant_get(code=data["participant"]),
            mandate=get_object_or_404(Mandate, number=data["mandate"]),
            cycle=data["cycle"],
            copy_previous=data["copy_previous"],
        )
        return Response(
            s.WorkspaceReportSerializer(report).data, status=status.HTTP_201_CREATED
        )

    def partial_update(self, request, *args, **kwargs):
        report = self.get_object()
        change = s.WorkspaceReportUpdateSerializer(data=request.data)
        change.is_valid(raise_exception=True)
        data = change.validated_data
        _check_assistance(report, data)
        indicators = data.get("indicator_values", report.indicator_values)
        _check_indicator_codes(report, indicators)
        saved = _run(
            services.report_update,
            user=request.user,
            report=report,
            version=data["version"],
            content={f: data[f] for f in s.CONTENT_FIELDS if f in data},
            indicators=indicators,
        )
        return Response(s.WorkspaceReportSerializer(saved).data)

    @extend_schema(
        request=s.VersionSerializer,
        responses={
            200: s.WorkspaceReportSerializer,
            409: OpenApiResponse(s.StaleSerializer, description="Stale version."),
        },
    )
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        """Submit the report to the secretariat, if it is complete."""
        report = self.get_object()
        body = s.VersionSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        submitted = _run(
            services.report_submit,
            user=request.user,
            report=report,
            version=body.validated_data["version"],
        )
        return Response(s.WorkspaceReportSerializer(submitted).data)


def _check_assistance(report, data) -> None:
    """The web form's rule (ReportForm.clean): a type of assistance needs words."""
    kind = data.get("assistance_type", report.assistance_type)
    words = data.get("assistance_description", report.assistance_description)
    if kind and not (words or "").strip():
        raise ApiValidationError(
            {"assistance_description": [_("Describe the assistance needed.")]}
        )


def _check_indicator_codes(report, values: dict) -> None:
    known = {
        i.code
        for i in applicable_indicators(
            mandate=report.mandate, participant=report.participant
        )
    }
    unknown = sorted(set(values) - known)
    if unknown:
        raise ApiValidationError(
            {
                "indicator_values": {
                    code: [_("This indicator does not apply to this report.")]
                    for code in unknown
                }
            }
        )


# --- Dashboards ----------------------------------------------------------------------

CYCLE = OpenApiParameter(
    "cycle", OpenApiTypes.INT, description="Cycle id; the latest published by default."
)


def _cycle(request):
    cycles = dashboards.dashboard_cycles()
    cycle_id = request.query_params.get("cycle", "")
    if cycle_id and not cycle_id.isdigit():
        raise ApiValidationError({"cycle": ["Give the id of a cycle."]})
    return cycles.filter(pk=cycle_id).first() if cycle_id else cycles.first()


class DashboardViewSet(viewsets.GenericViewSet):
    """Aggregates of published progress, as the public dashboards show them."""

    filter_backends: list = []
    pagination_class = None
    serializer_class = s.DistributionSerializer

    @extend_schema(parameters=[CYCLE], responses=s.DistributionSerializer(many=True))
    @action(detail=False)
    def sections(self, request):
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
    def matrix(self, request):
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
    def mandate(self, request, number: str):
        """Implementation levels published on one mandate, per cycle."""
        rows = dashboards.mandate_progress(mandate=mandate_get(number=int(number)))
        return Response(s.DistributionSerializer(rows, many=True).data)

    @extend_schema(
        parameters=[OpenApiParameter("code", str, OpenApiParameter.PATH)],
        responses=s.DistributionSerializer(many=True),
    )
    @action(detail=False, url_path=r"participants/(?P<code>[A-Za-z]+)")
    def participant(self, request, code: str):
        """Implementation levels one participant published, per cycle."""
        rows = dashboards.participant_progress(participant=participant_get(code=code))
        return Response(s.DistributionSerializer(rows, many=True).data)
