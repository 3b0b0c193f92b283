from django import template
from django.urls import NoReverseMatch, translate_url
from django.utils.encoding import iri_to_uri
from django.utils.translation import override

from accounts.identity import participant_names
from common.links import remembered_reverse

register = template.Library()


@register.simple_tag(takes_context=True)
def url_in_language(context, language: str) -> str:
    """The current page in another language, keeping its query string."""
    request = context["request"]
    match = request.resolver_match
    if match is None or not match.url_name:
        return translate_url(request.get_full_path(), language)
    # translate_url() would resolve the path again, once per language, on every
    # page (a fifth of a cold page's time); the request's match is at hand.
    with override(language):
        try:
            path = remembered_reverse(
                match.view_name, match.args, sorted(match.kwargs.items())
            )
        except NoReverseMatch:
            return translate_url(request.get_full_path(), language)
    query = iri_to_uri(request.META.get("QUERY_STRING", ""))
    return f"{path}?{query}" if query else path


@register.simple_tag(takes_context=True)
def query_with(context, **changes) -> str:
    """The current query string with some parameters replaced (for pagination)."""
    query = context["request"].GET.copy()
    for key, value in changes.items():
        query[key] = value
    return query.urlencode()


@register.simple_tag(takes_context=True)
def signed_in_for(context) -> str:
    """The signed-in person's participants, for the header (no query)."""
    return participant_names(context["request"].session)
