from types import SimpleNamespace

from django.conf import settings
from rest_framework import serializers, viewsets
from rest_framework.filters import OrderingFilter

from common.api_fast import ListedAsRows, text, translated
from common.filters import FilterBackend
from common.pagecache import PublicApiMixin

from .models import Participant


class ParticipantSerializer(serializers.ModelSerializer):
    class Meta:
        model = Participant
        fields = [
            "code",
            "kind",
            "name",
            "name_en",
            "name_es",
            "name_pt",
            "name_fr",
            "acronym",
        ]

    def to_representation(self, participant):
        # The declared fields' answer, built directly (common.api_fast).
        return {
            "code": participant.code,
            "kind": participant.kind,
            "name": text(participant.name),
            "name_en": text(participant.name_en),
            "name_es": text(participant.name_es),
            "name_pt": text(participant.name_pt),
            "name_fr": text(participant.name_fr),
            "acronym": text(participant.acronym),
        }


LANGUAGES = [code for code, _name in settings.LANGUAGES]


class ParticipantViewSet(ListedAsRows, PublicApiMixin, viewsets.ReadOnlyModelViewSet):
    """States of the Summits process and entities of the JSWG."""

    queryset = Participant.objects.order_by("kind", "code")
    row_columns = (
        "code",
        "kind",
        *(f"{field}_{code}" for field in ("name", "acronym") for code in LANGUAGES),
    )
    serializer_class = ParticipantSerializer
    filterset_fields = ["kind", "code"]
    filter_backends = [FilterBackend, OrderingFilter]
    lookup_field = "code"
    ordering_fields = ["code", "kind"]

    def row(self, values):
        participant = SimpleNamespace(**values)
        participant.name = translated(Participant, "name", participant)
        participant.acronym = translated(Participant, "acronym", participant)
        return participant
