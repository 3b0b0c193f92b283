"""Reading and checking indicator answers, whatever form or API they come from."""

import math
import re
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import ProhibitNullCharactersValidator
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from mandates.models import Indicator

MAX_TEXT = 500
SURROGATE = re.compile("[\ud800-\udfff]")


def applies_to_values(participant) -> list[str]:
    """The values of Indicator.applies_to that concern this participant."""
    own = (
        Indicator.AppliesTo.STATES if participant.is_state else Indicator.AppliesTo.JSWG
    )
    return [Indicator.AppliesTo.BOTH, own]


def applicable_indicators(*, mandate, participant):
    """The active indicators of a mandate that this kind of participant answers."""
    return (
        Indicator.objects.filter(
            mandate=mandate,
            is_active=True,
            applies_to__in=applies_to_values(participant),
        )
        .prefetch_related("choices")
        .order_by("position", "code")
    )


def clean_value(indicator: Indicator, raw):
    """Turn a submitted answer into the value stored in the report, or None."""
    if raw is None or (isinstance(raw, str) and raw.strip() == ""):
        return None
    return _CLEANERS[indicator.kind](indicator, raw)


def _boolean(indicator, raw):
    if isinstance(raw, bool):
        return raw
    lowered = str(raw).strip().lower()
    # The API may be written to in any of the portal's languages.
    if lowered in {"yes", "true", "1", "sí", "si", "sim", "oui"}:
        return True
    if lowered in {"no", "false", "0", "não", "nao", "non"}:
        return False
    raise ValidationError(_("Answer yes or no."))


# Bounds of a numeric answer. The text is checked against a plain pattern
# before Decimal sees it: an exponent such as "1e400000" would otherwise cost
# seconds of CPU when turned into an integer, and no count needs one.
NUMBER_MAX = 10**12
DECIMALS = 2
MAX_NUMBER_INPUT = 40
PLAIN_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)")
_NOT_A_NUMBER = _lazy("Enter a number, for example 12 or 12.5.")


def _decimal(raw) -> Decimal:
    """A typed or JSON number as a Decimal; ValidationError if it is none.

    Only its bounds are left to check: it is finite and its text was short.
    """
    if isinstance(raw, bool) or not isinstance(raw, str | int | float):
        raise ValidationError(_NOT_A_NUMBER)
    if isinstance(raw, int):
        # Clamped to just outside the bounds before any conversion, which
        # would be slow for a huge int (and str() of one is refused).
        return Decimal(min(max(raw, -1), NUMBER_MAX + 1))
    if isinstance(raw, float):
        if not math.isfinite(raw):
            raise ValidationError(_NOT_A_NUMBER)
        return Decimal(repr(raw))  # the shortest text of the float: 0.1, not 0.1000…
    text = raw.strip().replace(",", ".")
    if len(text) > MAX_NUMBER_INPUT or not PLAIN_NUMBER.fullmatch(text):
        raise ValidationError(_NOT_A_NUMBER)
    return Decimal(text)


def _check_decimals(number: Decimal, message) -> None:
    if number != number.quantize(Decimal(1).scaleb(-DECIMALS)):
        raise ValidationError(message % {"decimals": DECIMALS})


def _as_json_number(number: Decimal):
    return int(number) if number == number.to_integral_value() else float(number)


def number_bounds(indicator: Indicator) -> tuple[Decimal, Decimal]:
    """The lowest and highest answer accepted: the kind's, narrowed by the
    indicator's own (a count "(0 to 8)")."""
    if indicator.kind == Indicator.Kind.PERCENTAGE:
        low, high = Decimal(0), Decimal(100)
    else:
        low, high = Decimal(0), Decimal(NUMBER_MAX)
    if indicator.min_value is not None:
        low = max(low, indicator.min_value)
    if indicator.max_value is not None:
        high = min(high, indicator.max_value)
    return low, high


def has_own_bounds(indicator: Indicator) -> bool:
    return indicator.min_value is not None or indicator.max_value is not None


def shown_number(number: Decimal) -> str:
    """A bound as people read it in the active language: 8, 1,000, 2.5."""
    return number_format(_as_json_number(number), force_grouping=True)


def _check_own_bounds(indicator, number: Decimal, message) -> None:
    low, high = number_bounds(indicator)
    if not low <= number <= high:
        raise ValidationError(
            message % {"min": shown_number(low), "max": shown_number(high)}
        )


def _number(indicator, raw):
    number = _decimal(raw)
    if has_own_bounds(indicator):
        _check_own_bounds(
            indicator, number, _("Enter a number from %(min)s to %(max)s.")
        )
    if number < 0:
        raise ValidationError(_("Enter a number of zero or more."))
    if number > NUMBER_MAX:
        raise ValidationError(
            _("Enter a number of at most %(max)s.")
            % {"max": number_format(NUMBER_MAX, force_grouping=True)}
        )
    _check_decimals(number, _("Enter a number with at most %(decimals)s decimals."))
    return _as_json_number(number)


def _percentage(indicator, raw):
    number = _decimal(raw.replace("%", "") if isinstance(raw, str) else raw)
    if has_own_bounds(indicator):
        _check_own_bounds(
            indicator, number, _("Enter a percentage from %(min)s to %(max)s.")
        )
    if not 0 <= number <= 100:
        raise ValidationError(_("Enter a percentage from 0 to 100."))
    _check_decimals(number, _("Enter a percentage with at most %(decimals)s decimals."))
    return _as_json_number(number)


def _choice(indicator, raw):
    values = [choice.value for choice in indicator.choices.all()]
    if str(raw) not in values:
        raise ValidationError(_("Choose one of the options offered."))
    return str(raw)


def _text(indicator, raw):
    if not isinstance(raw, str):
        raise ValidationError(_("Answer with a short text."))
    text = raw.strip()
    # Stored in a jsonb column, which refuses NUL (\u0000) and a lone half of
    # a surrogate pair (which JSON can carry) in a string.
    ProhibitNullCharactersValidator()(text)
    if SURROGATE.search(text):
        raise ValidationError(_("This answer holds a character that is not text."))
    if len(text) > MAX_TEXT:
        raise ValidationError(
            _("Keep this answer to %(max)s characters (it has %(count)s).")
            % {"max": MAX_TEXT, "count": len(text)}
        )
    return text


_CLEANERS = {
    Indicator.Kind.BOOLEAN: _boolean,
    Indicator.Kind.NUMBER: _number,
    Indicator.Kind.PERCENTAGE: _percentage,
    Indicator.Kind.CHOICE: _choice,
    Indicator.Kind.TEXT: _text,
}


def display_value(indicator: Indicator, value) -> str:
    """An answer as a person reads it, in the active language."""
    if value is None:
        return ""
    if indicator.kind == Indicator.Kind.BOOLEAN:
        return _("Yes") if value else _("No")
    if indicator.kind == Indicator.Kind.PERCENTAGE:
        return f"{value} %"
    if indicator.kind == Indicator.Kind.CHOICE:
        labels = {choice.value: choice.label for choice in indicator.choices.all()}
        return labels.get(value, str(value))
    return str(value)
