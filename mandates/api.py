from types import SimpleNamespace

import django_filters
from django.conf import settings
from rest_framework import serializers, viewsets
from rest_framework.filters import OrderingFilter

from common.api_fast import ListedAsRows, text, translated
from common.filters import FilterBackend, WholeNumberFilter
from common.pagecache import PublicApiMixin

from .models import Mandate, Section


class SectionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Section
        fields = ["code", "title", "title_en", "title_es", "title_pt", "title_fr"]

    def to_representation(self, section):
        # The declared fields' answer, built directly (common.api_fast).
        return {
            "code": section.code,
            "title": text(section.title),
            "title_en": text(section.title_en),
            "title_es": text(section.title_es),
            "title_pt": text(section.title_pt),
            "title_fr": text(section.title_fr),
        }


class MandateSerializer(serializers.ModelSerializer):
    section = serializers.SlugRelatedField(
        slug_field="code",
        read_only=True,
        allow_null=True,
        help_text="Null while the mandate is not placed in a section.",
    )

    class Meta:
        model = Mandate
        fields = [
            "number",
            "section",
            "topic",
            "topic_en",
            "topic_es",
            "topic_pt",
            "topic_fr",
            "topic_confidence",
            "text_en",
            "text_es",
            "text_pt",
            "text_fr",
        ]

    def to_representation(self, mandate):
        # The declared fields' answer, built directly (common.api_fast).
        section = mandate.section
        return {
            "number": mandate.number,
            "section": None if section is None else section.code,
            "topic": text(mandate.topic),
            "topic_en": text(mandate.topic_en),
            "topic_es": text(mandate.topic_es),
            "topic_pt": text(mandate.topic_pt),
            "topic_fr": text(mandate.topic_fr),
            "topic_confidence": mandate.topic_confidence,
            "text_en": text(mandate.text_en),
            "text_es": text(mandate.text_es),
            "text_pt": text(mandate.text_pt),
            "text_fr": text(mandate.text_fr),
        }


class MandateFilter(django_filters.FilterSet):
    section = django_filters.CharFilter(
        field_name="section__code", lookup_expr="iexact"
    )
    has_section = django_filters.BooleanFilter(
        field_name="section", lookup_expr="isnull", exclude=True
    )
    number = WholeNumberFilter()
    number_min = WholeNumberFilter(field_name="number", lookup_expr="gte")
    number_max = WholeNumberFilter(field_name="number", lookup_expr="lte")

    class Meta:
        model = Mandate
        fields = ["section", "topic_confidence", "number"]


class SectionViewSet(PublicApiMixin, viewsets.ReadOnlyModelViewSet):
    """The seven sections of the Lima Commitment."""

    queryset = Section.objects.all()
    serializer_class = SectionSerializer
    lookup_field = "code"
    pagination_class = None


LANGUAGES = [code for code, _name in settings.LANGUAGES]


class MandateViewSet(ListedAsRows, PublicApiMixin, viewsets.ReadOnlyModelViewSet):
    """The 57 mandates; `topic` is in the language asked with Accept-Language."""

    queryset = Mandate.objects.with_section()
    row_columns = (
        "number",
        "section__code",
        "topic_confidence",
        *(f"topic_{code}" for code in LANGUAGES),
        *(f"text_{code}" for code in LANGUAGES),
    )
    serializer_class = MandateSerializer
    filterset_class = MandateFilter
    filter_backends = [FilterBackend, OrderingFilter]
    lookup_field = "number"
    ordering_fields = ["number"]

    def row(self, values):
        code = values.pop("section__code")
        mandate = SimpleNamespace(**values)
        mandate.section = None if code is None else SimpleNamespace(code=code)
        mandate.topic = translated(Mandate, "topic", mandate)
        return mandate
