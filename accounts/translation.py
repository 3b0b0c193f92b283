import simple_history
from django.conf import settings
from modeltranslation.translator import TranslationOptions, register

from .models import Participant


@register(Participant)
class ParticipantTranslationOptions(TranslationOptions):
    fields = ("name", "acronym")


# Registered here, once the per-language columns exist (see mandates.translation).
# The sort keys are PostgreSQL's, made from the names: not history.
simple_history.register(
    Participant,
    excluded_fields=[
        *ParticipantTranslationOptions.fields,
        *(f"sort_name_{code}" for code, _name in settings.LANGUAGES),
    ],
)
