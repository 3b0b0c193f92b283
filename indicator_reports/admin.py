from django.contrib import admin

from .models import ReportJob


@admin.register(ReportJob)
class ReportJobAdmin(admin.ModelAdmin):
    """Read-only: jobs are asked for on the indicator reports page."""

    list_display = ["pk", "kind", "format", "status", "requested_by", "created_at"]
    list_filter = ["status", "kind", "format"]
    list_select_related = ["requested_by"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
