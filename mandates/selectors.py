from dataclasses import dataclass
from types import SimpleNamespace
from typing import NamedTuple

from django.http import Http404
from django.shortcuts import get_object_or_404

from common.languages import shown_in_language
from common.statements import fixed_read, id_array

from .models import Mandate, Section, mandate_label, section_label


class SectionRow(NamedTuple):
    code: str
    title: str  # in the active language


@fixed_read()
def _section_rows():
    return (
        Section.objects.order_by("code")
        .annotate(shown=shown_in_language("title"))
        .values("code", "shown")
    )


def section_rows() -> list[SectionRow]:
    """Every section in order, as rows read in one query."""
    return [SectionRow(row["code"], row["shown"]) for row in _section_rows()]


def section_labels() -> list[tuple[str, str]]:
    """(code, str(section)) of every section, in order (one query), for
    lists of choices."""
    return [(row.code, section_label(row.code, row.title)) for row in section_rows()]


@dataclass
class OutlinedSection:
    code: str
    title: str
    mandate_list: list


def mandate_outline() -> tuple[list[OutlinedSection], list]:
    """The sections in order, each with its mandates in order (`mandate_list`,
    rows of mandate_rows()), and the mandates not yet placed in a section (two
    queries)."""
    mandates = mandate_rows()
    sections = [
        OutlinedSection(
            section.code,
            section.title,
            [m for m in mandates if m.section_code == section.code],
        )
        for section in section_rows()
    ]
    return sections, [m for m in mandates if m.section_code is None]


def mandate_list(*, section: str | None = None):
    mandates = Mandate.objects.with_section()
    if section:
        mandates = mandates.filter(section__code=section)
    return mandates


def mandate_get(*, number: int) -> Mandate:
    return get_object_or_404(Mandate.objects.with_section(), number=number)


_SHOWN = ("id", "number", "shown_topic", "shown_text", "section__code")


@fixed_read(arrays=("numbers",))
def _mandates_numbered(numbers):
    return (
        Mandate.objects.filter(number__in=id_array(numbers))
        .annotate(
            shown_topic=shown_in_language("topic"),
            shown_text=shown_in_language("text"),
            section_title=shown_in_language("title", "section__"),
        )
        .values(*_SHOWN, "section_title")
    )


def mandate_get_with_neighbours(*, number: int):
    """The mandate (a row with what its page shows: number, topic, official
    text and section, in the active language) and the numbers of the mandates
    before and after it (None where there is none), in one query."""
    if not 0 < number < 2**31:  # no mandate; and what a bigint array can carry
        raise Http404("No mandate matches the given query.")
    found = {
        row["number"]: row
        for row in _mandates_numbered(numbers=[number - 1, number, number + 1])
    }
    if number not in found:
        raise Http404("No mandate matches the given query.")
    previous = number - 1 if number - 1 in found else None
    following = number + 1 if number + 1 in found else None
    row = found[number]
    code = row["section__code"]
    mandate = SimpleNamespace(
        id=row["id"],
        pk=row["id"],
        number=number,
        topic=row["shown_topic"],
        text=row["shown_text"],
        section=None if code is None else SectionRow(code, row["section_title"]),
    )
    return mandate, previous, following


def commitment_figures() -> dict:
    """What the home page counts of the commitment, as querysets to count
    (common.counts.counts counts them with the other figures at once)."""
    return {
        "sections": Section.objects.all(),
        "mandates": Mandate.objects.all(),
        "official_texts": Mandate.objects.with_official_text(),
    }


class MandateRow(NamedTuple):
    """What lists, pickers and the matrix's columns show of a mandate."""

    id: int
    number: int
    topic: str  # in the active language
    section_code: str | None


@fixed_read()
def _mandate_rows():
    return (
        Mandate.objects.order_by("number")
        .annotate(shown=shown_in_language("topic"))
        .values("id", "number", "shown", "section__code")
    )


def mandate_rows() -> list[MandateRow]:
    """Every mandate in order, as rows read in one query."""
    return [
        MandateRow(row["id"], row["number"], row["shown"], row["section__code"])
        for row in _mandate_rows()
    ]


def mandate_names() -> list[tuple[int, str]]:
    """(number, str(mandate)) of every mandate in order, in one query and
    without a model per mandate (for lists of choices)."""
    return [
        (row.number, mandate_label(row.number, row.topic)) for row in mandate_rows()
    ]
