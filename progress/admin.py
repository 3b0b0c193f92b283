from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from common.admin import HistoryAdmin

from .models import (
    ContributorInvitation,
    ContributorMandate,
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


class ReadOnlyAdmin(admin.ModelAdmin):
    """Contributors change on the focal points' pages, where the rules live
    (only focal points of the participant, sessions ended on revocation)."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ContributorMandate)
class ContributorMandateAdmin(ReadOnlyAdmin):
    list_display = ["membership", "mandate"]
    list_filter = ["membership__participant__kind"]
    search_fields = ["membership__user__email", "membership__participant__code"]
    list_select_related = ["membership__user", "membership__participant", "mandate"]


@admin.register(ContributorInvitation)
class ContributorInvitationAdmin(ReadOnlyAdmin):
    list_display = [
        "email",
        "participant",
        "invited_by",
        "created_at",
        "expires_at",
        "accepted_at",
        "revoked_at",
    ]
    search_fields = ["email", "participant__code"]
    list_select_related = ["participant", "invited_by"]
    exclude = ["token_hash"]
