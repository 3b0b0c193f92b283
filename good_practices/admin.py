from django.contrib import admin

from .models import CooperationInitiative, GoodPractice, RegionalCapacity


class ContributionAdmin(admin.ModelAdmin):
    """Read-only: contributions change through the workspace, where the rules live."""

    list_display = ["title", "participant", "status", "language", "published_at"]
    list_filter = ["status", "language"]
    search_fields = ["title", "participant__code"]
    list_select_related = ["participant"]
    exclude = ["search_vector"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


admin.site.register(GoodPractice, ContributionAdmin)
admin.site.register(RegionalCapacity, ContributionAdmin)


@admin.register(CooperationInitiative)
class CooperationInitiativeAdmin(admin.ModelAdmin):
    list_display = ["need", "capacity", "status", "updated_at"]
    list_filter = ["status"]
    list_select_related = [
        "need__participant",
        "need__mandate",
        "need__cycle",
        "capacity",
    ]
    raw_id_fields = ["need", "capacity"]
