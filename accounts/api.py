from rest_framework import serializers, viewsets

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


class ParticipantViewSet(PublicApiMixin, viewsets.ReadOnlyModelViewSet):
    """States of the Summits process and entities of the JSWG."""

    queryset = Participant.objects.order_by("kind", "code")
    serializer_class = ParticipantSerializer
    filterset_fields = ["kind", "code"]
    lookup_field = "code"
    ordering_fields = ["code", "kind"]
