from urllib.parse import urlencode

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def facet_toggle(context, name: str, value) -> str:
    """The current search with one facet value added or removed, from page 1."""
    query = context["request"].GET.copy()
    query.pop("page", None)
    values = query.getlist(name)
    value = str(value)
    if value in values:
        values.remove(value)
    else:
        values.append(value)
    query.setlist(name, values)
    return query.urlencode()


@register.simple_tag(takes_context=True)
def words_only(context) -> str:
    """The current search with every facet cleared."""
    words = context["request"].GET.get("q", "")
    return urlencode({"q": words}) if words else ""
