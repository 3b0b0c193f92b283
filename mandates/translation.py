from modeltranslation.translator import TranslationOptions, register

from .models import Indicator, IndicatorChoice, Mandate, Section


@register(Section)
class SectionTranslationOptions(TranslationOptions):
    fields = ("title",)


@register(Mandate)
class MandateTranslationOptions(TranslationOptions):
    fields = ("topic", "text")


@register(Indicator)
class IndicatorTranslationOptions(TranslationOptions):
    fields = ("label", "help_text")


@register(IndicatorChoice)
class IndicatorChoiceTranslationOptions(TranslationOptions):
    fields = ("label",)
