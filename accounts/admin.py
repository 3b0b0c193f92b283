from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from modeltranslation.admin import TranslationAdmin

from common.admin import HistoryAdmin

from .models import Membership, Participant, User
from .two_factor import second_factor_reset

# django-otp's own device pages show each secret key and recovery code to every
# administrator; a second factor that others can read is none. Devices are
# managed by their owner, and reset by the action on the user below.
for device_model in (TOTPDevice, StaticDevice):
    if admin.site.is_registered(device_model):
        admin.site.unregister(device_model)


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
    actions = ["reset_two_factor"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (
            _("Person"),
            {"fields": ["full_name", "preferred_language", "reminders_enabled"]},
        ),
        (
            _("Roles"),
            {"fields": ["is_active", "is_secretariat", "is_staff", "is_superuser"]},
        ),
        (_("Dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["email", "password1", "password2"]}),
    ]

    @admin.action(
        description=_("Reset two-factor sign-in (lost phone)"),
        permissions=["change"],
    )
    def reset_two_factor(self, request, queryset):
        people = list(queryset)
        for person in people:
            second_factor_reset(person=person, by=request.user)
        self.message_user(
            request,
            ngettext(
                "Two-factor sign-in reset for %(count)d person; they set it up "
                "again at their next sign-in.",
                "Two-factor sign-in reset for %(count)d people; they set it up "
                "again at their next sign-in.",
                len(people),
            )
            % {"count": len(people)},
            messages.SUCCESS,
        )


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
