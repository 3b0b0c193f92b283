"""Writes to the commitment's reference data: sections, mandates, official texts."""

import csv
import io
import json
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from common.history import update_or_create_if_changed
from common.languages import language_codes, per_language

from .models import Indicator, IndicatorChoice, Mandate, Section


@transaction.atomic
def reference_load(*, data: dict) -> dict[str, int]:
    """Create or update sections and mandates from the shipped data file.

    Idempotent: a row that is already right is not saved again (which would
    add an entry to its history). A mandate whose section or topic the file
    does not know keeps what an official import gave it, so reloading never
    erases that import.
    """
    sections = {}
    for item in data["sections"]:
        section, _created = update_or_create_if_changed(
            Section.objects,
            code=item["code"],
            values=per_language("title", item["title"]),
        )
        sections[section.code] = section
    for item in data["mandates"]:
        defaults = {"topic_confidence": item.get("topic_confidence", "unknown")}
        if item.get("section"):
            defaults["section"] = sections[item["section"]]
        if item.get("topic"):
            defaults.update(per_language("topic", item["topic"]))
        update_or_create_if_changed(
            Mandate.objects, number=item["number"], values=defaults
        )
    return {"sections": len(sections), "mandates": len(data["mandates"])}


@dataclass(frozen=True)
class OfficialText:
    number: int
    language: str
    text: str
    topic: str = ""
    section: str = ""


def official_texts_parse(*, content: str, filename: str) -> list[OfficialText]:
    """Read official mandate texts from CSV or JSON, checking every row.

    Columns (CSV header or JSON keys): number, language, text, and optionally
    topic and section. All errors are collected so the file can be fixed at once.
    """
    if filename.lower().endswith(".json"):
        try:
            rows = json.loads(content)
        except json.JSONDecodeError as error:
            raise ValidationError(_("The file is not valid JSON: %s") % error) from None
        if not isinstance(rows, list):
            raise ValidationError(_("The JSON file must hold a list of objects."))
    else:
        rows = list(csv.DictReader(io.StringIO(content)))
    errors, texts = [], []
    for position, row in enumerate(rows, start=1):
        try:
            texts.append(_official_text(row))
        except ValidationError as error:
            errors.extend(
                _("Row %(row)s: %(error)s") % {"row": position, "error": message}
                for message in error.messages
            )
    if errors:
        raise ValidationError(errors)
    if not texts:
        raise ValidationError(_("The file holds no rows."))
    return texts


def _official_text(row) -> OfficialText:
    if not isinstance(row, dict):
        raise ValidationError(_("each row must be an object with named fields."))
    errors = []
    try:
        number = int(str(row.get("number", "")).strip())
    except ValueError:
        number = 0
    if not 1 <= number <= 57:
        errors.append(_("number must be a whole number from 1 to 57."))
    language = str(row.get("language", "")).strip().lower()
    if language not in language_codes():
        errors.append(_("language must be one of %s.") % ", ".join(language_codes()))
    text = str(row.get("text") or "").strip()
    if not text:
        errors.append(_("text is empty."))
    section = str(row.get("section") or "").strip().upper()
    if section and section not in "ABCDEFG":
        errors.append(_("section must be a letter from A to G."))
    if errors:
        raise ValidationError(errors)
    topic = str(row.get("topic") or "").strip()
    return OfficialText(number, language, text, topic, section)


@transaction.atomic
def official_texts_load(*, texts: list[OfficialText]) -> int:
    """Store official texts (and topic and section where given); all or nothing."""
    mandates = {m.number: m for m in Mandate.objects.select_for_update()}
    sections = {s.code: s for s in Section.objects.all()}
    missing = sorted({t.number for t in texts} - mandates.keys())
    if missing:
        raise ValidationError(
            _("Load the reference data first; mandates missing: %s")
            % ", ".join(map(str, missing))
        )
    for item in texts:
        mandate = mandates[item.number]
        setattr(mandate, f"text_{item.language}", item.text)
        if item.topic:
            setattr(mandate, f"topic_{item.language}", item.topic)
            mandate.topic_confidence = Mandate.Confidence.CONFIRMED
        if item.section:
            mandate.section = sections[item.section]
    for mandate in {item.number: mandates[item.number] for item in texts}.values():
        mandate.save()
    return len(texts)


@transaction.atomic
def indicators_load(*, data: dict) -> int:
    """Create the default indicators that do not exist yet.

    Existing indicators are left alone: the secretariat may have edited them,
    and reloading the shipped file must not undo that.
    """
    mandates = {m.number: m for m in Mandate.objects.all()}
    created = 0
    for position, item in enumerate(data["indicators"]):
        targets = (
            mandates.values() if item["mandate"] == "*" else [mandates[item["mandate"]]]
        )
        for mandate in targets:
            code = (
                item["code"]
                if item["mandate"] != "*"
                else f"{mandate.number}.{item['code']}"
            )
            created += _indicator_create(mandate, code, position, item)
    return created


def _indicator_create(mandate: Mandate, code: str, position: int, item: dict) -> int:
    if Indicator.objects.filter(code=code).exists():
        return 0
    indicator = Indicator.objects.create(
        mandate=mandate,
        code=code,
        kind=item["kind"],
        applies_to=item["applies_to"],
        position=position,
        **per_language("label", item["label"]),
        **per_language("help_text", item.get("help_text")),
    )
    for choice_position, choice in enumerate(item.get("choices") or []):
        IndicatorChoice.objects.create(
            indicator=indicator,
            value=choice["value"],
            position=choice_position,
            **per_language("label", choice["label"]),
        )
    return 1
