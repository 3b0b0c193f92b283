from django import template
from django.utils.html import conditional_escape, format_html
from django.utils.translation import gettext

register = template.Library()


@register.simple_tag
def mandate_name(mandate) -> str:
    """A mandate's one name, as Mandate.__str__ gives it, with its number set
    apart: "<span>13.</span> Topic", or "Mandate 18" while its topic is not
    known. A tag, not an included template: lists show it 57 times."""
    topic = mandate.topic
    if topic:
        return format_html(
            '<span class="mandate-number">{}.</span> {}', mandate.number, topic
        )
    return conditional_escape(
        gettext("Mandate %(number)s") % {"number": mandate.number}
    )
