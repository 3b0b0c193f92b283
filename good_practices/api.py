"""Read-only open data: published good practices and regional capacities.

The search page's selector feeds these endpoints too, so `?q=` and the facet
parameters mean the same thing here as in the page's URL, and nothing that
the public may not see can appear.
"""

from django.urls import reverse
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers, viewsets

from common.pagecache import PublicApiMixin

from .models import Contribution, GoodPractice, RegionalCapacity
from .search import SearchFilters, search_results


class ContributionSerializer(serializers.ModelSerializer):
    participant = serializers.SlugRelatedField(slug_field="code", read_only=True)
    mandates = serializers.SlugRelatedField(
        slug_field="number", many=True, read_only=True
    )
    page = serializers.SerializerMethodField()

    class Meta:
        model = Contribution
        common = [
            "id",
            "page",
            *Contribution.TEXT_FIELDS,
            "participant",
            "mandates",
            "language",
            "published_at",
        ]
        fields = common

    def get_page(self, record) -> str:
        request = self.context.get("request")
        url = record.get_absolute_url()
        return request.build_absolute_uri(url) if request else url


def _with_kind_fields(model) -> list[str]:
    """The common fields, then those the kind's authors write (one list, the
    model's, for the form, the service and the API)."""
    common = ContributionSerializer.Meta.common
    return common + [f for f in model.CONTENT_FIELDS if f not in common]


class AttachmentSerializer(serializers.Serializer):
    title = serializers.CharField()
    url = serializers.SerializerMethodField()

    def get_url(self, item) -> str:
        if not item.file:
            return item.url
        path = reverse(
            "good_practices:attachment_download",
            kwargs={"pk": item.practice_id, "attachment_id": item.pk},
        )
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request else path


class GoodPracticeSerializer(ContributionSerializer):
    institution = serializers.CharField(source="goodpractice.institution")
    start_year = serializers.IntegerField(source="goodpractice.start_year")
    end_year = serializers.IntegerField(source="goodpractice.end_year", allow_null=True)
    results = serializers.CharField(source="goodpractice.results")
    contact_name = serializers.CharField(source="goodpractice.contact_name")
    contact_email = serializers.CharField(source="goodpractice.contact_email")
    attachments = AttachmentSerializer(
        source="goodpractice.attachments.all", many=True, read_only=True
    )

    class Meta(ContributionSerializer.Meta):
        fields = _with_kind_fields(GoodPractice) + ["attachments"]


class CapacitySerializer(ContributionSerializer):
    support_type = serializers.CharField(source="regionalcapacity.support_type")
    subregions = serializers.ListField(source="regionalcapacity.subregions")
    countries = serializers.SlugRelatedField(
        source="regionalcapacity.countries",
        slug_field="code",
        many=True,
        read_only=True,
    )
    languages_offered = serializers.ListField(
        source="regionalcapacity.languages_offered"
    )
    how_to_request = serializers.CharField(source="regionalcapacity.how_to_request")
    contact_email = serializers.CharField(source="regionalcapacity.contact_email")

    class Meta(ContributionSerializer.Meta):
        fields = _with_kind_fields(RegionalCapacity) + ["countries"]


SEARCH_PARAMETERS = [
    OpenApiParameter("q", str, description="Words to search for, in any language."),
    OpenApiParameter("participant", str, many=True, description="Participant code."),
    OpenApiParameter("section", str, many=True, description="Section, A to G."),
    OpenApiParameter("mandate", int, many=True, description="Mandate number."),
    OpenApiParameter("year", int, many=True, description="Year of publication."),
    OpenApiParameter("language", str, many=True, description="en, es, pt or fr."),
]


class _SearchViewSet(PublicApiMixin, viewsets.ReadOnlyModelViewSet):
    """Published records; the same search and filters as the page."""

    kind: str
    prefetch: tuple[str, ...] = ()
    # The selector does the filtering and the ordering (by rank, then newest).
    filter_backends: list = []

    def get_queryset(self):
        filters = SearchFilters.from_query(self.request.query_params, kind=(self.kind,))
        return search_results(filters, with_texts=True).prefetch_related(*self.prefetch)


@extend_schema_view(list=extend_schema(parameters=SEARCH_PARAMETERS))
class GoodPracticeViewSet(_SearchViewSet):
    """Published good practices, best matches first with `q`, else newest first."""

    kind = Contribution.Kind.PRACTICE
    serializer_class = GoodPracticeSerializer
    prefetch = ("goodpractice__attachments",)


@extend_schema_view(
    list=extend_schema(
        parameters=SEARCH_PARAMETERS
        + [OpenApiParameter("support", str, many=True, description="Type of support.")]
    )
)
class CapacityViewSet(_SearchViewSet):
    """Published regional capacities, best matches first with `q`."""

    kind = Contribution.Kind.CAPACITY
    serializer_class = CapacitySerializer
    prefetch = ("regionalcapacity__countries",)
