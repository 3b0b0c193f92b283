from django.contrib import admin
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from common.admin import HistoryAdmin

from .models import Indicator, IndicatorChoice, Mandate, Section


@admin.register(Section)
class SectionAdmin(HistoryAdmin, TranslationAdmin):
    list_display = ["code", "title"]


@admin.register(Mandate)
class MandateAdmin(HistoryAdmin, TranslationAdmin):
    list_display = ["number", "topic", "section", "topic_confidence"]
    list_filter = ["section", "topic_confidence"]
    search_fields = ["topic_en", "topic_es", "topic_pt", "topic_fr", "text_en"]


class IndicatorChoiceInline(TranslationTabularInline):
    model = IndicatorChoice
    extra = 0


@admin.register(Indicator)
class IndicatorAdmin(HistoryAdmin, TranslationAdmin):
    list_display = [
        "code",
        "label",
        "mandate",
        "kind",
        "applies_to",
        "is_optional",
        "is_active",
    ]
    list_filter = ["kind", "applies_to", "is_optional", "is_active", "mandate__section"]
    search_fields = ["code", "label_en", "label_es", "label_pt", "label_fr"]
    inlines = [IndicatorChoiceInline]

    def get_readonly_fields(self, request, obj=None):
        # The code names answers already stored in reports.
        return ["code"] if obj else []


@admin.register(IndicatorChoice)
class IndicatorChoiceAdmin(HistoryAdmin, TranslationAdmin):
    """Choices are edited with their indicator; here each keeps its own history."""

    list_display = ["indicator", "value", "label", "position"]
    list_filter = ["indicator__mandate__section"]
    search_fields = ["indicator__code", "value", "label_en", "label_es"]
    list_select_related = ["indicator"]
