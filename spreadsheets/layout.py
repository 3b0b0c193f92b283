"""The layout of the reporting workbook, shared by its writer and its reader.

Sheet "Reports": row 1 (hidden) holds a machine key per column, row 2 the
labels in the person's language, then one row per mandate. The reader finds
the columns by their keys only, never by the translated labels. The hidden
sheet "About" says whose workbook it is, signed with the portal's secret key,
and in which language its drop-down labels are.
"""

from dataclasses import dataclass

from django.core import signing
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mandates.models import Indicator
from progress.indicators import applies_to_values
from progress.models import ImplementationLevel, ProgressReport, SupportType

# Bumped whenever the columns or their meaning change: a workbook made from
# another version is refused, so that no cell is ever read as something else.
TEMPLATE_VERSION = 1

KEY_ROW, HEADER_ROW, FIRST_ROW = 1, 2, 3
# What is read of a sheet at most: rows under the header (57 mandates, some
# spare), columns (the fixed ones and the indicators, with room to grow), and
# characters in all (57 reports of long texts): a crafted file cannot make the
# portal read or keep more than a real workbook holds.
MAX_DATA_ROWS = 200
MAX_COLUMNS = 1000
MAX_CHARACTERS = 10_000_000
MANDATE, NAME, STATUS, VERSION = "mandate", "mandate_name", "status", "version"
INDICATOR = "indicator:"
ABOUT_SHEET, LISTS_SHEET = "About", "Lists"
SIGNATURE = "signature"
SALT = "spreadsheets.workbook"


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    kind: str  # key | info | level | support | text | indicator
    width: int = 18
    indicator: Indicator | None = None

    @property
    def is_answer(self) -> bool:
        return self.kind not in ("key", "info")

    @property
    def field(self) -> str:
        """The report field the column holds ("" for an indicator)."""
        return "" if self.kind == "indicator" else self.key


def fixed_columns() -> list[Column]:
    return [
        Column(MANDATE, gettext_lazy("No."), "key", 6),
        Column(NAME, gettext_lazy("Mandate"), "info", 36),
        Column(STATUS, gettext_lazy("Status"), "info", 14),
        Column(VERSION, gettext_lazy("Version"), "key", 8),
        Column("implementation_level", gettext_lazy("Implementation level"), "level"),
        Column("actions_taken", gettext_lazy("Actions taken"), "text", 40),
        Column("results", gettext_lazy("Results"), "text", 40),
        Column("challenges", gettext_lazy("Challenges"), "text", 40),
        Column("next_steps", gettext_lazy("Next steps"), "text", 40),
        Column(
            "assistance_type",
            gettext_lazy("Type of technical assistance needed"),
            "support",
            24,
        ),
        Column(
            "assistance_description",
            gettext_lazy("Technical assistance needed"),
            "text",
            40,
        ),
    ]


CONTENT_KEYS = tuple(c.key for c in fixed_columns() if c.is_answer)
REQUIRED_KEYS = (MANDATE, VERSION, *CONTENT_KEYS)


def indicator_key(code: str) -> str:
    return INDICATOR + code


def indicator_label(indicator: Indicator) -> str:
    label = f"{indicator.code} {indicator.label}"
    return f"{label} (%)" if indicator.kind == Indicator.Kind.PERCENTAGE else label


def columns(indicators) -> list[Column]:
    """Every column, in order, with its label in the active language."""
    return fixed_columns() + [
        Column(indicator_key(i.code), indicator_label(i), "indicator", 20, i)
        for i in indicators
    ]


def participant_indicators(participant) -> list[Indicator]:
    """Every active indicator this participant answers, mandate by mandate."""
    return list(
        Indicator.objects.filter(
            is_active=True, applies_to__in=applies_to_values(participant)
        )
        .select_related("mandate")
        .prefetch_related("choices")
        .order_by("mandate__number", "position", "code")
    )


def text_limit(field: str) -> int | None:
    """The most characters a report's text may have, if it has a limit."""
    return ProgressReport._meta.get_field(field).max_length


# --- Labels of the drop-down lists, in the active language --------------------------


def level_labels() -> dict[str, str]:
    return {value: str(label) for value, label in ImplementationLevel.choices}


def support_labels() -> dict[str, str]:
    return {value: str(label) for value, label in SupportType.choices}


def yes_no_labels() -> dict[bool, str]:
    return {True: _("Yes"), False: _("No")}


def choice_labels(indicator: Indicator) -> dict[str, str]:
    return {choice.value: choice.label for choice in indicator.choices.all()}


# --- Whose workbook ----------------------------------------------------------------


def identity_sign(*, participant, cycle, language: str, generated_at) -> str:
    """The About sheet's signature: whose workbook, which cycle and template."""
    return signing.dumps(
        {
            "participant": participant.code,
            "cycle": cycle.pk,
            "template": TEMPLATE_VERSION,
            "language": language,
            "generated_at": generated_at.isoformat(),
        },
        salt=SALT,
    )


def identity_read(token) -> dict | None:
    """What a signature says, or None if the portal did not sign it."""
    if not isinstance(token, str):
        return None
    try:
        payload = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        return None
    return payload if isinstance(payload, dict) else None
