from django.conf import settings
from rest_framework import serializers

from ..models import ImplementationLevel, ProgressReport, ReportingCycle, SupportType

CONTENT_FIELDS = ProgressReport.CONTENT_FIELDS


class CycleSerializer(serializers.ModelSerializer):
    class Meta:
        model = ReportingCycle
        fields = ["id", "name", "opens_on", "due_on", "closes_on"]


class _ReportBase(serializers.ModelSerializer):
    cycle_name = serializers.CharField(source="cycle.name", read_only=True)
    participant = serializers.CharField(source="participant.code", read_only=True)
    participant_kind = serializers.CharField(source="participant.kind", read_only=True)
    mandate = serializers.IntegerField(source="mandate.number", read_only=True)
    section = serializers.CharField(
        source="mandate.section.code", read_only=True, allow_null=True, default=None
    )
    indicator_values = serializers.DictField(
        child=serializers.JSONField(),
        read_only=True,
        help_text="Answers by indicator code: true/false, a number, a choice's "
        "value or a short text.",
    )


class PublishedReportSerializer(_ReportBase):
    """A published progress report with its indicator values."""

    participant_name = serializers.CharField(source="participant.name", read_only=True)

    class Meta:
        model = ProgressReport
        fields = [
            "id",
            "cycle",
            "cycle_name",
            "participant",
            "participant_name",
            "participant_kind",
            "mandate",
            "section",
            *CONTENT_FIELDS,
            "indicator_values",
            "published_at",
        ]
        read_only_fields = fields


class WorkspaceReportSerializer(_ReportBase):
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


class WorkspaceReportUpdateSerializer(serializers.Serializer):
    """A draft's new content. `version` is the one your copy was based on."""

    version = serializers.IntegerField(min_value=1)
    implementation_level = serializers.ChoiceField(
        choices=ImplementationLevel.choices, allow_blank=True, required=False
    )
    actions_taken = serializers.CharField(allow_blank=True, required=False)
    results = serializers.CharField(allow_blank=True, required=False)
    challenges = serializers.CharField(allow_blank=True, required=False)
    next_steps = serializers.CharField(allow_blank=True, required=False)
    assistance_type = serializers.ChoiceField(
        choices=SupportType.choices, allow_blank=True, required=False
    )
    assistance_description = serializers.CharField(allow_blank=True, required=False)
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


# --- Dashboards -----------------------------------------------------------------------


class LevelCountSerializer(serializers.Serializer):
    level = serializers.CharField()
    label = serializers.CharField()
    count = serializers.IntegerField()
    percent = serializers.FloatField()


class DistributionSerializer(serializers.Serializer):
    """Published reports at each implementation level, for a section or a cycle."""

    key = serializers.CharField(help_text="Section code, 'none', or cycle id.")
    label = serializers.CharField()
    total = serializers.IntegerField()
    levels = LevelCountSerializer(many=True)


class MatrixRowSerializer(serializers.Serializer):
    participant = serializers.CharField(source="participant.code")
    participant_name = serializers.CharField(source="participant.name")
    participant_kind = serializers.CharField(source="participant.kind")
    levels = serializers.SerializerMethodField(
        help_text="Implementation level by mandate number; null if none published."
    )

    def get_levels(self, row) -> dict[str, str | None]:
        numbers = self.context["mandate_numbers"]
        return {
            str(number): cell.level or None
            for number, cell in zip(numbers, row.cells, strict=True)
        }


class MatrixSerializer(serializers.Serializer):
    cycle = CycleSerializer(allow_null=True)
    mandates = serializers.SerializerMethodField()
    rows = MatrixRowSerializer(many=True)

    def get_mandates(self, matrix) -> list[int]:
        return [mandate.number for mandate in matrix.mandates]
