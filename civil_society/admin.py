from django.contrib import admin

from .models import Member, Observation, Organisation


class ReadOnlyAdmin(admin.ModelAdmin):
    """Read-only: these change through the portal's pages, where the rules live."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Organisation)
class OrganisationAdmin(ReadOnlyAdmin):
    list_display = ["name", "scope", "status", "created_at", "decided_at"]
    list_filter = ["status"]
    search_fields = ["name", "contact_email"]
    list_select_related = ["scope"]


@admin.register(Member)
class MemberAdmin(ReadOnlyAdmin):
    list_display = ["user", "organisation", "joined_at"]
    list_select_related = ["user", "organisation"]
    search_fields = ["user__email", "organisation__name"]


@admin.register(Observation)
class ObservationAdmin(ReadOnlyAdmin):
    list_display = ["organisation", "participant", "mandate", "cycle", "status"]
    list_filter = ["status", "language"]
    list_select_related = ["organisation", "participant", "mandate", "cycle"]
