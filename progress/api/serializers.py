from django.conf import settings
from rest_framework import serializers

from ..models import ImplementationLevel, ProgressReport, ReportingCycle, SupportType

CONTENT_FIELDS = ProgressReport.CONTENT_FIELDS


class ReportSerializerBase(serializers.ModelSerializer):
    cycle_name = serializers.CharField(source="cycle.name", read_only=True)
    participant = serializers.CharField(source="participant.code", read_only=True)
    participant_kind = serializers.CharField(source="participant.kind", read_only=True)
    mandate = serializers.IntegerField(source="mandate.number", read_only=True)
    section = serializers.CharField(
        source="mandate.section.code", read_only=True, allow_null=True, default=None
    )
    # Blank until the focal point chooses; declared here because a ModelSerializer
    # drops allow_blank from read-only fields, and the schema would then leave ""
    # out of the enum.
    implementation_level = serializers.ChoiceField(
        choices=ImplementationLevel.choices, allow_blank=True, read_only=True
    )
    assistance_type = serializers.ChoiceField(
        choices=SupportType.choices,
        allow_blank=True,
        read_only=True,
        help_text="Blank when no assistance is needed.",
    )
    indicator_values = serializers.DictField(
        child=serializers.JSONField(),
        read_only=True,
        help_text="Answers by indicator code: true/false, a number, a choice's "
        "value or a short text.",
    )
    # Declared so that the schema says they may be blank (not chosen yet, or no
    # need for assistance): read-only model fields lose allow_blank.
    implementation_level = serializers.ChoiceField(
        choices=ImplementationLevel.choices, allow_blank=True, read_only=True
    )
    assistance_type = serializers.ChoiceField(
        choices=SupportType.choices, allow_blank=True, read_only=True
    )


class WorkspaceReportSerializer(ReportSerializerBase):
    """A report of one of your participants, in any status."""

    class Meta:
        model = ProgressReport
        fields = [
            "id",
            "cycle",
            "cycle_name",
            "participant",
            "participant_kind",
            "mandate",
            "section",
            "status",
            "version",
            *CONTENT_FIELDS,
            "indicator_values",
            "updated_at",
            "submitted_at",
            "published_at",
        ]
        read_only_fields = fields


class WorkspaceReportStartSerializer(serializers.Serializer):
    participant = serializers.CharField(help_text="Code of one of your participants.")
    mandate = serializers.IntegerField(min_value=1, max_value=57)
    cycle = serializers.PrimaryKeyRelatedField(queryset=ReportingCycle.objects.all())
    copy_previous = serializers.BooleanField(
        default=False, help_text="Start from the report of the previous cycle."
    )


def _text(name: str) -> serializers.CharField:
    """A text of the report, limited as its model field (the schema says so)."""
    limit = ProgressReport._meta.get_field(name).max_length
    return serializers.CharField(allow_blank=True, required=False, max_length=limit)


class WorkspaceReportUpdateSerializer(serializers.Serializer):
    """A draft's new content. `version` is the one your copy was based on."""

    version = serializers.IntegerField(min_value=1)
    implementation_level = serializers.ChoiceField(
        choices=ImplementationLevel.choices, allow_blank=True, required=False
    )
    actions_taken = _text("actions_taken")
    results = _text("results")
    challenges = _text("challenges")
    next_steps = _text("next_steps")
    assistance_type = serializers.ChoiceField(
        choices=SupportType.choices, allow_blank=True, required=False
    )
    assistance_description = _text("assistance_description")
    language = serializers.ChoiceField(choices=settings.LANGUAGES, required=False)
    indicator_values = serializers.DictField(
        child=serializers.JSONField(allow_null=True),
        required=False,
        help_text="All the answers, by indicator code; left out, the answers "
        "saved before are kept.",
    )


class VersionSerializer(serializers.Serializer):
    version = serializers.IntegerField(min_value=1)


class StaleSerializer(serializers.Serializer):
    detail = serializers.CharField()
    version = serializers.IntegerField(help_text="The report's current version.")
