import simple_history
from modeltranslation.translator import TranslationOptions, register

from .models import Participant


@register(Participant)
class ParticipantTranslationOptions(TranslationOptions):
    fields = ("name", "acronym")


# Registered here, once the per-language columns exist (see mandates.translation).
simple_history.register(
    Participant, excluded_fields=list(ParticipantTranslationOptions.fields)
)
