"""/api/v1/observations/: published civil-society observations, each with the
official level beside it and the participant's reply. The open-data files read
the same selector with the same filters, so the two always agree."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers, viewsets

from civil_society import public
from civil_society.models import Assessment, Observation, Reply
from common.api_fast import file_or_link_address
from common.pagecache import PublicApiMixin
from progress.models import ImplementationLevel

from .opendata.observations import ObservationFilter, published_observations


class ObservationDocumentSerializer(serializers.Serializer):
    title = serializers.CharField()
    url = serializers.SerializerMethodField(
        help_text="The link, or the address to download the file."
    )

    def get_url(self, document) -> str:
        return file_or_link_address(
            document,
            self.context.get("request"),
            "civil_society:document_download",
            pk=document.observation_id,
            document_id=document.pk,
        )


class ReplySerializer(serializers.ModelSerializer):
    replied_at = serializers.DateTimeField(source="created_at", read_only=True)

    class Meta:
        model = Reply
        fields = ["text", "language", "replied_at", "updated_at", "version"]
        read_only_fields = fields


class ObservationSerializer(serializers.ModelSerializer):
    """A published observation, with the official level of the report it
    stands beside and the participant's reply, if any."""

    organisation = serializers.IntegerField(source="organisation_id", read_only=True)
    organisation_name = serializers.CharField(source="organisation.name")
    organisation_website = serializers.URLField(source="organisation.website")
    participant = serializers.CharField(source="participant.code")
    participant_name = serializers.CharField(source="participant.name")
    mandate = serializers.IntegerField(source="mandate.number")
    section = serializers.CharField(
        source="mandate.section.code", allow_null=True, default=None
    )
    cycle_name = serializers.CharField(source="cycle.name")
    assessment = serializers.ChoiceField(choices=Assessment.choices)
    official_level = serializers.ChoiceField(
        choices=ImplementationLevel.choices,
        allow_blank=True,
        allow_null=True,
        help_text="Level of the participant's published report on the same "
        "mandate and cycle; null if none is published.",
    )
    different_views = serializers.SerializerMethodField(
        help_text="Whether the assessment is two levels or more away from the "
        "official level."
    )
    documents = ObservationDocumentSerializer(
        source="public_documents", many=True, read_only=True
    )
    reply = serializers.SerializerMethodField()

    class Meta:
        model = Observation
        fields = [
            "id",
            "cycle",
            "cycle_name",
            "participant",
            "participant_name",
            "mandate",
            "section",
            "organisation",
            "organisation_name",
            "organisation_website",
            "assessment",
            "official_level",
            "different_views",
            "text",
            "language",
            "documents",
            "published_at",
            "reply",
        ]
        read_only_fields = fields

    def get_different_views(self, observation) -> bool:
        return public.views_differ(observation.official_level, observation.assessment)

    @extend_schema_field(ReplySerializer(allow_null=True))
    def get_reply(self, observation):
        reply = getattr(observation, "reply", None)
        return ReplySerializer(reply).data if reply else None


class ObservationViewSet(PublicApiMixin, viewsets.ReadOnlyModelViewSet):
    """Published civil-society observations: independent views of a
    participant's progress on a mandate in a cycle, moderated by the
    secretariat, with the participant's reply. Nothing unpublished is here."""

    serializer_class = ObservationSerializer
    filterset_class = ObservationFilter
    ordering_fields = ["published_at", "id"]

    def get_queryset(self):
        return published_observations()
