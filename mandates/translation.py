import simple_history
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


# The history is registered here rather than on the models: django-simple-history
# copies a model's columns when it is registered, and the per-language columns
# exist only once modeltranslation has registered the model above. The original
# column of a translated field only mirrors the language active at a save, so
# the history leaves it out and keeps every language instead.
for model, options in (
    (Section, SectionTranslationOptions),
    (Mandate, MandateTranslationOptions),
    (Indicator, IndicatorTranslationOptions),
    (IndicatorChoice, IndicatorChoiceTranslationOptions),
):
    simple_history.register(model, excluded_fields=list(options.fields))
