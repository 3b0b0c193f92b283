"""Reading and checking indicator answers, whatever form or API they come from."""

from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from mandates.models import Indicator

MAX_TEXT = 500


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


def _decimal(raw) -> Decimal:
    try:
        number = Decimal(str(raw).strip().replace(",", "."))
    except InvalidOperation:
        raise ValidationError(_("Enter a number, for example 12 or 12.5.")) from None
    if not number.is_finite():
        raise ValidationError(_("Enter a number, for example 12 or 12.5."))
    return number


def _as_json_number(number: Decimal):
    return int(number) if number == number.to_integral_value() else float(number)


def _number(indicator, raw):
    number = _decimal(raw)
    if number < 0:
        raise ValidationError(_("Enter a number of zero or more."))
    return _as_json_number(number)


def _percentage(indicator, raw):
    number = _decimal(str(raw).replace("%", ""))
    if not 0 <= number <= 100:
        raise ValidationError(_("Enter a percentage from 0 to 100."))
    return _as_json_number(number)


def _choice(indicator, raw):
    values = [choice.value for choice in indicator.choices.all()]
    if str(raw) not in values:
        raise ValidationError(_("Choose one of the options offered."))
    return str(raw)


def _text(indicator, raw):
    text = str(raw).strip()
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
