from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from common.admin import HistoryAdmin

from .models import (
    Evidence,
    ProgressReport,
    ReportingCycle,
    ReportTransition,
)


@admin.register(ReportingCycle)
class ReportingCycleAdmin(HistoryAdmin):
    list_display = ["name", "opens_on", "due_on", "closes_on"]


class TransitionInline(admin.TabularInline):
    model = ReportTransition
    extra = 0
    can_delete = False
    readonly_fields = ["actor", "from_status", "to_status", "comment", "created_at"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(ProgressReport)
class ProgressReportAdmin(SimpleHistoryAdmin):
    """Read-only: reports change through the workspace, where the rules live."""

    list_display = ["participant", "mandate", "cycle", "status", "version"]
    list_filter = ["status", "cycle", "participant__kind"]
    search_fields = ["participant__code", "participant__name_en"]
    list_select_related = ["participant", "mandate", "cycle"]
    inlines = [TransitionInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Evidence)
class EvidenceAdmin(admin.ModelAdmin):
    list_display = ["title", "report", "is_public", "size", "added_at"]
    list_filter = ["is_public"]

    def has_add_permission(self, request):
        return False
