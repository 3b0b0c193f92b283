"""The workspace API: focal points' own reports, read and written with a token.

Writes go through progress.services, under the same rules as the web forms."""

import django_filters
from django.core.exceptions import ValidationError as DjangoValidationError
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import (
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

from accounts.selectors import participant_get
from common.filters import WholeNumberFilter
from common.locking import StaleVersion
from mandates.models import Mandate

from .. import selectors, services
from ..models import ProgressReport
from . import serializers as s

# --- Focal points' own reports -----------------------------------------------------


class Conflict(APIException):
    """409, with the report's current version so the client can start again."""

    status_code = status.HTTP_409_CONFLICT
    default_code = "stale"

    def __init__(self, stale: StaleVersion):
        super().__init__(stale.messages[0])
        self.detail = {"detail": self.detail, "version": stale.current.version}


def _run(service, **kwargs):
    """Call a service; its refusals become the API's answers (400, 403, 409)."""
    try:
        return service(**kwargs)
    except StaleVersion as stale:
        raise Conflict(stale) from None
    except DjangoValidationError as error:
        detail = error.message_dict if hasattr(error, "error_dict") else error.messages
        raise ApiValidationError(detail) from None


class WorkspaceReportFilter(django_filters.FilterSet):
    cycle = WholeNumberFilter(field_name="cycle_id")
    participant = django_filters.CharFilter(
        field_name="participant__code", lookup_expr="iexact"
    )
    mandate = WholeNumberFilter(field_name="mandate__number")
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
        responses={
            201: s.WorkspaceReportSerializer,
            200: OpenApiResponse(
                s.WorkspaceReportSerializer, description="It existed already."
            ),
        },
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
    "API token" page). Focal points start, edit and submit drafts; contributors
    see the reports on the mandates given to them, start and edit their drafts,
    and are refused submission (403); observers read only (403 on writes).
    Reports of other participants, and a contributor's other mandates, answer
    404.
    A save names the `version` it is based on; if the report changed since,
    the answer is 409 with the current version and nothing is saved.
    """

    serializer_class = s.WorkspaceReportSerializer
    permission_classes = [IsAuthenticated]
    filterset_class = WorkspaceReportFilter
    ordering_fields = ["updated_at", "id"]
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        return selectors.workspace_reports(self.request.user)

    def create(self, request, *args, **kwargs):
        start = s.WorkspaceReportStartSerializer(data=request.data)
        start.is_valid(raise_exception=True)
        data = start.validated_data
        report, created = _run(
            services.report_start,
            user=request.user,
            participant=participant_get(code=data["participant"]),
            mandate=get_object_or_404(Mandate, number=data["mandate"]),
            cycle=data["cycle"],
            copy_previous=data["copy_previous"],
        )
        return Response(
            s.WorkspaceReportSerializer(report).data,
            status=status.HTTP_201_CREATED if created else status.HTTP_200_OK,
        )

    def partial_update(self, request, *args, **kwargs):
        report = self.get_object()
        change = s.WorkspaceReportUpdateSerializer(data=request.data)
        change.is_valid(raise_exception=True)
        data = change.validated_data
        indicators = data.get("indicator_values", report.indicator_values)
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
    # `format` comes with the router's suffix (submit.json).
    def submit(self, request, pk=None, format=None):
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
