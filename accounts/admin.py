from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from common.admin import HistoryAdmin

from .models import Membership, Participant, User


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 1
    autocomplete_fields = ["participant"]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "full_name", "is_secretariat", "is_staff", "is_active"]
    list_filter = ["is_secretariat", "is_staff", "is_active"]
    search_fields = ["email", "full_name"]
    inlines = [MembershipInline]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Person"), {"fields": ["full_name", "preferred_language"]}),
        (
            _("Roles"),
            {"fields": ["is_active", "is_secretariat", "is_staff", "is_superuser"]},
        ),
        (_("Dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["email", "password1", "password2"]}),
    ]


@admin.register(Participant)
class ParticipantAdmin(HistoryAdmin, TranslationAdmin):
    list_display = ["code", "name", "kind"]
    list_filter = ["kind"]
    search_fields = ["code", "name_en", "name_es", "name_pt", "name_fr"]


@admin.register(Membership)
class MembershipAdmin(HistoryAdmin):
    list_display = ["user", "participant", "role", "created_at"]
    list_filter = ["role", "participant__kind"]
    search_fields = ["user__email", "participant__code", "participant__name_en"]
    autocomplete_fields = ["user", "participant"]
