"""Helpers for reference data that carries one text per interface language."""

from django.conf import settings
from django.utils.translation import get_language


def language_codes() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def active_language() -> str:
    """The active interface language, as one of the portal's four codes."""
    language = (get_language() or "").split("-")[0]
    return language if language in language_codes() else settings.LANGUAGE_CODE


def per_language(field: str, texts: dict | None) -> dict[str, str]:
    """{"en": "x", "es": "y"} -> {"field_en": "x", "field_es": "y", ...}.

    A language the source does not give gets an empty text, which
    modeltranslation shows as the English one.
    """
    texts = texts or {}
    return {f"{field}_{code}": texts.get(code) or "" for code in language_codes()}
