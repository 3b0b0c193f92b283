from functools import cached_property

from rest_framework import serializers

from common.api_fast import iso_date, iso_datetime_in_active_zone
from progress.api.serializers import CONTENT_FIELDS, ReportSerializerBase
from progress.models import ProgressReport, ReportingCycle


class CycleSerializer(serializers.ModelSerializer):
    class Meta:
        model = ReportingCycle
        fields = ["id", "name", "opens_on", "due_on", "closes_on"]

    def to_representation(self, cycle):
        # The declared fields' answer, built directly (common.api_fast).
        return {
            "id": cycle.id,
            "name": str(cycle.name),
            "opens_on": iso_date(cycle.opens_on),
            "due_on": iso_date(cycle.due_on),
            "closes_on": iso_date(cycle.closes_on),
        }


class PublishedReportSerializer(ReportSerializerBase):
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

    def to_representation(self, report):
        # The declared fields' answer, built directly (common.api_fast).
        participant = report.participant
        mandate = report.mandate
        section = mandate.section
        values = report.indicator_values
        return {
            "id": report.id,
            "cycle": report.cycle_id,
            "cycle_name": str(report.cycle.name),
            "participant": str(participant.code),
            "participant_name": str(participant.name),
            "participant_kind": str(participant.kind),
            "mandate": int(mandate.number),
            "section": None if section is None else str(section.code),
            "implementation_level": report.implementation_level,
            "actions_taken": str(report.actions_taken),
            "results": str(report.results),
            "challenges": str(report.challenges),
            "next_steps": str(report.next_steps),
            "assistance_type": report.assistance_type,
            "assistance_description": str(report.assistance_description),
            "language": report.language,
            "indicator_values": (
                None if values is None else {str(k): v for k, v in values.items()}
            ),
            "published_at": self._iso_datetime(report.published_at),
        }

    @cached_property
    def _iso_datetime(self):
        return iso_datetime_in_active_zone()


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

    def to_representation(self, row):
        # The declared fields' answer, built directly (common.api_fast).
        return {
            "key": str(row.key),
            "label": str(row.label),
            "total": int(row.total),
            "levels": [
                {
                    "level": str(level.level),
                    "label": str(level.label),
                    "count": int(level.count),
                    "percent": float(level.percent),
                }
                for level in row.levels
            ],
        }


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

    def to_representation(self, matrix):
        # The declared fields' answer, built directly (common.api_fast): 48 rows
        # of 57 cells each through DRF's fields took most of the answer's time.
        numbers = [str(number) for number in self.context["mandate_numbers"]]
        cycle = matrix.cycle
        if cycle is not None:
            cycle = CycleSerializer().to_representation(cycle)
        return {
            "cycle": cycle,
            "mandates": self.get_mandates(matrix),
            "rows": [
                {
                    "participant": str(row.participant.code),
                    "participant_name": str(row.participant.name),
                    "participant_kind": str(row.participant.kind),
                    "levels": {
                        number: cell.level or None
                        for number, cell in zip(numbers, row.cells, strict=True)
                    },
                }
                for row in matrix.rows
            ],
        }
