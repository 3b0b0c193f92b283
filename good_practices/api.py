"""Read-only open data: published good practices and regional capacities.

The search page's selector feeds these endpoints too, so `?q=` and the facet
parameters mean the same thing here as in the page's URL, and nothing that
the public may not see can appear.
"""

from collections import defaultdict
from functools import cached_property
from types import SimpleNamespace

from django.db.models import F
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers, viewsets

from accounts.models import Participant
from common.api_fast import (
    counted_page,
    file_or_link_address,
    iso_datetime_in_active_zone,
)
from common.pagecache import PublicApiMixin
from common.statements import FixedRead, fixed_read
from common.statements import id_array as as_array

from .models import Contribution, GoodPractice, PracticeAttachment, RegionalCapacity
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

    def _common(self, record) -> dict:
        """The common fields' answer, built directly (common.api_fast)."""
        return {
            "id": record.id,
            "page": self._page(record),
            "title": str(record.title),
            "summary": str(record.summary),
            "description": str(record.description),
            "participant": record.participant.code,
            "mandates": [mandate.number for mandate in _listed(record, "mandates")],
            "language": record.language,
            "published_at": self._iso_datetime(record.published_at),
        }

    @cached_property
    def _iso_datetime(self):
        return iso_datetime_in_active_zone()

    def _page(self, record) -> str:
        # get_page's answer, reversed once per kind: only the id differs.
        if record.kind not in self._pages:
            url = self.get_page(Contribution(pk=PAGE_ID, kind=record.kind))
            self._pages[record.kind] = url.rsplit(str(PAGE_ID), 1)
        head, tail = self._pages[record.kind]
        return f"{head}{record.pk}{tail}"

    @cached_property
    def _pages(self) -> dict[str, list[str]]:
        return {}


# An id no record has, that get_page's address holds once: the place of the id.
PAGE_ID = 987654321987


def _listed(record, relation: str):
    """The related rows a list's row carries (`listed_<relation>`, read for the
    whole page by the view set), else those of the record's relation, in the
    same order."""
    rows = getattr(record, f"listed_{relation}", None)
    return getattr(record, relation).all() if rows is None else rows


def _with_kind_fields(model) -> list[str]:
    """The common fields, then those the kind's authors write (one list, the
    model's, for the form, the service and the API)."""
    common = ContributionSerializer.Meta.common
    return common + [f for f in model.CONTENT_FIELDS if f not in common]


class AttachmentSerializer(serializers.Serializer):
    title = serializers.CharField()
    url = serializers.SerializerMethodField()

    def get_url(self, item) -> str:
        return _attachment_url(item, self.context.get("request"))


def _attachment_url(item, request) -> str:
    return file_or_link_address(
        item,
        request,
        "good_practices:attachment_download",
        pk=item.practice_id,
        attachment_id=item.pk,
    )


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

    def to_representation(self, record):
        practice = record.goodpractice
        end_year = practice.end_year
        request = self.context.get("request")
        return {
            **self._common(record),
            "institution": str(practice.institution),
            "start_year": int(practice.start_year),
            "end_year": None if end_year is None else int(end_year),
            "results": str(practice.results),
            "contact_name": str(practice.contact_name),
            "contact_email": str(practice.contact_email),
            "attachments": [
                {"title": str(item.title), "url": _attachment_url(item, request)}
                for item in _listed(practice, "attachments")
            ],
        }


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

    def to_representation(self, record):
        capacity = record.regionalcapacity
        return {
            **self._common(record),
            "support_type": str(capacity.support_type),
            "subregions": list(capacity.subregions),
            "languages_offered": list(capacity.languages_offered),
            "how_to_request": str(capacity.how_to_request),
            "contact_email": str(capacity.contact_email),
            "countries": [c.code for c in _listed(capacity, "countries")],
        }


SEARCH_PARAMETERS = [
    OpenApiParameter("q", str, description="Words to search for, in any language."),
    OpenApiParameter("participant", str, many=True, description="Participant code."),
    OpenApiParameter("section", str, many=True, description="Section, A to G."),
    OpenApiParameter("mandate", int, many=True, description="Mandate number."),
    OpenApiParameter("year", int, many=True, description="Year of publication."),
    OpenApiParameter("language", str, many=True, description="en, es, pt or fr."),
]


# What a list shows of a record, whatever its kind.
COMMON_COLUMNS = ("id", "kind", *Contribution.TEXT_FIELDS, "language", "published_at")


class _SearchViewSet(PublicApiMixin, viewsets.ReadOnlyModelViewSet):
    """Published records; the same search and filters as the page.

    A page of the list is read as rows, not model instances: each instance
    costs some 30 µs to build, and a page with its kind's rows and mandates
    made some 450 of them. The rows carry the same attribute names as the
    records, so the serializer reads both alike; a record asked for alone is
    an instance, its relations read as usual.
    """

    kind: str
    # The selector does the filtering and the ordering (by rank, then newest).
    filter_backends: list = []

    def get_queryset(self):
        filters = SearchFilters.from_query(self.request.query_params, kind=(self.kind,))
        return search_results(filters, with_texts=True)

    def paginate_queryset(self, queryset):
        rows = (
            queryset.select_related(None)
            .prefetch_related(None)
            .values(*COMMON_COLUMNS, participant_code=F("participant__code"))
        )
        page = super().paginate_queryset(counted_page(self, rows))
        return None if page is None else self.records(page)

    def records(self, rows: list[dict]) -> list[SimpleNamespace]:
        ids = [row["id"] for row in rows]
        mandates = defaultdict(list)
        for row in _listed_mandates(ids=ids):
            mandates[row["contribution_id"]].append(
                SimpleNamespace(number=row["mandate__number"])
            )
        own = self.own_rows(ids)
        records = []
        for row in rows:
            code = row.pop("participant_code")
            record = SimpleNamespace(**row, pk=row["id"])
            record.participant = SimpleNamespace(code=code)
            record.listed_mandates = mandates[record.pk]
            setattr(record, self.own_model._meta.model_name, own[record.pk])
            records.append(record)
        return records

    own_model: type[Contribution]

    def own_rows(self, ids: list[int]) -> dict[int, SimpleNamespace]:
        """The kind's own columns of these records, by id."""
        rows = _own_rows(self.own_model)(ids=ids)
        return {row["pk"]: SimpleNamespace(**row) for row in rows}


@extend_schema_view(list=extend_schema(parameters=SEARCH_PARAMETERS))
class GoodPracticeViewSet(_SearchViewSet):
    """Published good practices, best matches first with `q`, else newest first."""

    kind = Contribution.Kind.PRACTICE
    serializer_class = GoodPracticeSerializer
    own_model = GoodPractice

    def own_rows(self, ids):
        rows = super().own_rows(ids)
        for row in rows.values():
            row.listed_attachments = []
        for attachment in PracticeAttachment.objects.filter(
            practice_id__in=as_array(ids)
        ):
            rows[attachment.practice_id].listed_attachments.append(attachment)
        return rows


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
    own_model = RegionalCapacity

    def own_rows(self, ids):
        rows = super().own_rows(ids)
        for row in rows.values():
            row.listed_countries = []
        for row in _covered_countries(ids=ids):
            rows[row["capacities_covering"]].listed_countries.append(
                SimpleNamespace(code=row["code"])
            )
        return rows


# What a page of the lists reads beside its rows, through fixed statements.


@fixed_read(arrays=("ids",))
def _listed_mandates(ids):
    return (
        Contribution.mandates.through.objects.filter(contribution_id__in=as_array(ids))
        .order_by("mandate__number")  # the mandates' own order
        .values("contribution_id", "mandate__number")
    )


@fixed_read(arrays=("ids",))
def _covered_countries(ids):
    # The countries' own order: by name in the asked language.
    return Participant.objects.filter(capacities_covering__in=as_array(ids)).values(
        "capacities_covering", "code"
    )


_OWN_ROWS: dict[type, FixedRead] = {}


def _own_rows(model) -> FixedRead:
    """The kind's own columns of records by id."""
    if model not in _OWN_ROWS:
        columns = [f for f in model.CONTENT_FIELDS if f not in COMMON_COLUMNS]
        _OWN_ROWS[model] = FixedRead(
            lambda ids: model.objects.filter(pk__in=as_array(ids))
            .order_by()
            .values("pk", *columns),
            arrays=("ids",),
        )
    return _OWN_ROWS[model]
