"""What the cells of a row mean: the report's fields and its indicator answers.

The drop-down labels are read in the workbook's language (its About sheet
says which), so a Spanish workbook reads back the same in an English session;
every answer then goes through progress.indicators.clean_value, as the form's
do. Problems come back as (column key, message), in the active language.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import override
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from common.text import fold, too_long
from mandates.models import Indicator
from progress.indicators import clean_value

from . import layout

Problems = list[tuple[str, str]]


def text(raw) -> str:
    """A cell as text, as the form's fields clean it."""
    if raw is None:
        return ""
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    return ILLEGAL_CHARACTERS_RE.sub("", str(raw).replace("\r\n", "\n")).strip()


def blank(raw) -> bool:
    return raw is None or (isinstance(raw, str) and not raw.strip())


def whole_number(raw) -> int | None:
    if isinstance(raw, bool):
        return None
    if isinstance(raw, float) and raw.is_integer():
        return int(raw)
    if isinstance(raw, str) and raw.strip().isdigit():
        return int(raw.strip())
    return raw if isinstance(raw, int) else None


def _reverse(labels: dict) -> dict:
    return {fold(str(label)): value for value, label in labels.items()}


class CellValues:
    """Reads the cells of rows written in one language."""

    def __init__(self, indicators, language: str):
        self.indicators = {i.code: i for i in indicators}
        with override(language):
            self.levels = _reverse(layout.level_labels())
            self.supports = _reverse(layout.support_labels())
            self.yes_no = _reverse(layout.yes_no_labels())
            self.choices = {
                i.code: _reverse(layout.choice_labels(i))
                for i in indicators
                if i.kind == Indicator.Kind.CHOICE
            }

    def content(self, cells: dict) -> tuple[dict, Problems]:
        """The report's fields that the row holds, checked."""
        content, problems = {}, []
        for key in layout.CONTENT_KEYS:
            try:
                content[key] = self._field(key, cells.get(key))
            except ValidationError as error:
                problems.append((key, error.messages[0]))
        if (
            content.get("assistance_type")
            and content.get("assistance_description") == ""
        ):
            problems.append(
                ("assistance_description", _("Describe the assistance needed."))
            )
        return content, problems

    def answers(self, mandate, cells: dict) -> tuple[dict, Problems]:
        """The cleaned answer of each of the mandate's indicators in the row."""
        answers, problems = {}, []
        for key, raw in cells.items():
            if not key.startswith(layout.INDICATOR):
                continue
            indicator = self.indicators.get(key.removeprefix(layout.INDICATOR))
            if indicator is None or indicator.mandate_id != mandate.pk:
                if not blank(raw):
                    problems.append((key, _not_here(indicator, mandate)))
                continue
            try:
                answers[indicator.code] = clean_value(
                    indicator, self._input(indicator, raw)
                )
            except ValidationError as error:
                problems += [(key, message) for message in error.messages]
        return answers, problems

    def _field(self, key: str, raw) -> str:
        if key == "implementation_level":
            return _listed(raw, self.levels, _not_a_level)
        if key == "assistance_type":
            return _listed(raw, self.supports, _not_a_support)
        return _long_text(key, raw)

    def _input(self, indicator: Indicator, raw):
        """A cell as the form would send it: list labels back to their values."""
        if isinstance(raw, str) and indicator.kind == Indicator.Kind.BOOLEAN:
            return self.yes_no.get(fold(raw.strip()), raw)
        if isinstance(raw, str) and indicator.kind == Indicator.Kind.CHOICE:
            return self.choices[indicator.code].get(fold(raw.strip()), raw.strip())
        if indicator.kind == Indicator.Kind.TEXT and raw is not None:
            return text(raw)
        return raw


def _listed(raw, labels: dict, message) -> str:
    """The value of a label of a list (or of the value itself, as the API
    writes it); ValidationError for anything else."""
    written = text(raw)
    if not written:
        return ""
    value = labels.get(fold(written))
    if value is None and written in labels.values():
        value = written
    if value is None:
        raise ValidationError(message(written))
    return value


def _long_text(key: str, raw) -> str:
    written, limit = text(raw), layout.text_limit(key)
    if limit and len(written) > limit:
        raise ValidationError(too_long(limit=limit, count=len(written)))
    return written


def _not_here(indicator, mandate) -> str:
    if indicator is None:
        return _("This question is no longer asked; leave the cell empty.")
    return _(
        "This column is for mandate %(column)s; leave it empty in the row of "
        "mandate %(row)s."
    ) % {"column": indicator.mandate.number, "row": mandate.number}


def _not_a_level(value: str) -> str:
    return _("“%(value)s” is not one of the implementation levels of the list.") % {
        "value": value
    }


def _not_a_support(value: str) -> str:
    return _("“%(value)s” is not one of the types of assistance of the list.") % {
        "value": value
    }
