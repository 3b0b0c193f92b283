"""The items of the list of mandates, written in Python rather than in a
template loop: 57 of them, each a link, a name and, while the official text is
missing, a note (the same markup templates/mandates/mandate_list.html wrote
through an included template per mandate)."""

from django.utils.html import conditional_escape as esc
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from common.links import address_maker

from .templatetags.mandates import mandate_name


def mandate_items(mandates) -> SafeString:
    address = address_maker("mandates:detail")
    pending = esc(gettext("text to come with the official document"))
    parts = []
    for mandate in mandates:
        note = "" if mandate.topic else f' <span class="muted">({pending})</span>'
        parts.append(
            f'<li><a href="{address(mandate.number)}">{mandate_name(mandate)}</a>'
            f"{note}</li>\n"
        )
    return mark_safe("".join(parts))  # noqa: S308 - every part is escaped or fixed
