"""The two lists of the page of participants, written in Python rather than in
a template loop: 48 links, each with a name (and, for the institutions of the
Joint Summit Working Group, an acronym), the markup that
templates/accounts/participant_list.html wrote in its loops."""

from django.utils.html import conditional_escape as esc
from django.utils.safestring import SafeString, mark_safe

from common.links import address_maker


def state_items(states) -> SafeString:
    address = address_maker("participants:detail")
    return mark_safe(  # noqa: S308 - every part is escaped or fixed
        "".join(
            f'<li><a href="{address(esc(p.code))}">{esc(p.name)}</a></li>'
            for p in states
        )
    )


def entity_items(entities) -> SafeString:
    address = address_maker("participants:detail")
    parts = []
    for p in entities:
        name = esc(p.name)
        parts.append(
            f'<li><a href="{address(esc(p.code))}"><abbr title="{name}">'
            f"{esc(p.acronym)}</abbr> – {name}</a></li>"
        )
    return mark_safe("".join(parts))  # noqa: S308 - every part is escaped or fixed
