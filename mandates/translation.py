from modeltranslation.translator import TranslationOptions, register

from .models import Mandate, Section


@register(Section)
class SectionTranslationOptions(TranslationOptions):
    fields = ("title",)


@register(Mandate)
class MandateTranslationOptions(TranslationOptions):
    fields = ("topic", "text")
