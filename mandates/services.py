"""Writes to the commitment's reference data: sections, mandates, official texts."""

import csv
import io
import json
from dataclasses import dataclass
from decimal import Decimal

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
    """Create the default indicators that do not exist yet; set the rules of
    the others. Returns how many were created.

    An existing indicator keeps its labels, help and choices: the secretariat
    may have edited them, and reloading the shipped file must not undo that.
    Its rules (optional, lowest and highest value) follow the file, except
    those a person changed in the admin since: see _rules_update.
    """
    mandates = {m.number: m for m in Mandate.objects.all()}
    existing = {i.code: i for i in Indicator.objects.select_for_update()}
    edited = _rules_edited_by_people(existing.values())
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
            if code in existing:
                _rules_update(existing[code], _rules(item), edited.get(code, set()))
            else:
                _indicator_create(mandate, code, position, item)
                created += 1
    return created


RULES = ("is_optional", "min_value", "max_value")
RULES_FROM_FILE = "rules from the shipped indicators file"


def _rules(item: dict) -> dict:
    """An indicator's rules as the shipped file gives them."""
    bound = {key: item.get(key) for key in ("min", "max")}
    return {
        "is_optional": bool(item.get("optional", False)),
        "min_value": None if bound["min"] is None else Decimal(str(bound["min"])),
        "max_value": None if bound["max"] is None else Decimal(str(bound["max"])),
    }


def _rules_edited_by_people(indicators) -> dict[str, set[str]]:
    """For each indicator code, the rules that a person changed in the admin.

    The history tells: a record saved by a person (load_reference saves
    without one) whose rule differs from the record before it. One query.
    """
    codes = {i.pk: i.code for i in indicators}
    records = (
        Indicator.history.filter(id__in=codes)
        .order_by("id", "history_date", "history_id")
        .values_list("id", "history_user_id", *RULES)
    )
    edited: dict[str, set[str]] = {}
    previous = None
    for pk, user_id, *rules in records:
        if previous and previous[0] == pk and user_id is not None:
            changed = {
                name
                for name, old, new in zip(RULES, previous[1], rules, strict=True)
                if old != new
            }
            edited.setdefault(codes[pk], set()).update(changed)
        previous = (pk, rules)
    return edited


def _rules_update(indicator: Indicator, rules: dict, keep: set[str]) -> None:
    """Set the file's rules on an existing indicator, but those in `keep`;
    saved only when one differs (each save adds to the history)."""
    changed = {
        name: value
        for name, value in rules.items()
        if name not in keep and getattr(indicator, name) != value
    }
    if changed:
        for name, value in changed.items():
            setattr(indicator, name, value)
        indicator._change_reason = RULES_FROM_FILE
        indicator.save(update_fields=list(changed))


def _indicator_create(mandate: Mandate, code: str, position: int, item: dict) -> None:
    indicator = Indicator.objects.create(
        mandate=mandate,
        code=code,
        kind=item["kind"],
        applies_to=item["applies_to"],
        position=position,
        **_rules(item),
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
