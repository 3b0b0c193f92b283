"""Helpers for reference data that carries one text per interface language."""

from django.conf import settings
from django.db.models import CharField, F, Value
from django.db.models.functions import Coalesce, NullIf
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


def shown_in_language(field: str, prefix: str = ""):
    """A translated field in the active language, English where it has none,
    else "": what modeltranslation's attribute gives, as an expression, for
    lists that read rows rather than models. `prefix` reaches it through a
    relation, as in "participant__"."""
    return Coalesce(
        NullIf(F(f"{prefix}{field}_{active_language()}"), Value("")),
        NullIf(F(f"{prefix}{field}_{settings.LANGUAGE_CODE}"), Value("")),
        Value(""),
        output_field=CharField(),
    )
