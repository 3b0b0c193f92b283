from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from .models import Mandate, Section


@admin.register(Section)
class SectionAdmin(TranslationAdmin):
    list_display = ["code", "title"]


@admin.register(Mandate)
class MandateAdmin(TranslationAdmin):
    list_display = ["number", "topic", "section", "topic_confidence"]
    list_filter = ["section", "topic_confidence"]
    search_fields = ["topic_en", "topic_es", "topic_pt", "topic_fr", "text_en"]
