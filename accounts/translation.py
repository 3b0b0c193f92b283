from modeltranslation.translator import TranslationOptions, register

from .models import Participant


@register(Participant)
class ParticipantTranslationOptions(TranslationOptions):
    fields = ("name", "acronym")
