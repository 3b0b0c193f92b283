"""`{% url %}` with its answers remembered for the life of the process
(common.links.remembered_reverse says why that is safe). Loaded as a builtin
(settings.TEMPLATES), it stands in for Django's own tag in every template; the
output is the same (tests/common/test_memo_url.py).
"""

from django import template
from django.template.defaulttags import URLNode
from django.template.defaulttags import url as django_url
from django.utils.html import conditional_escape

from common.links import remembered_reverse

register = template.Library()


class MemoURLNode(URLNode):
    def render(self, context):
        args = tuple(arg.resolve(context) for arg in self.args)
        kwargs = tuple((k, v.resolve(context)) for k, v in self.kwargs.items())
        view_name = self.view_name.resolve(context)
        request = getattr(context, "request", None)
        current_app = getattr(request, "current_app", None)
        if current_app is None:
            match = getattr(request, "resolver_match", None)
            current_app = match.namespace if match is not None else None
        try:
            hash((args, kwargs))
        except TypeError:  # an argument that cannot be a key: Django's own tag
            return super().render(context)
        try:
            url = remembered_reverse(view_name, args, kwargs, current_app)
        except Exception:
            # NoReverseMatch and the like: Django's tag raises or, with
            # `as var`, writes nothing, as before.
            return super().render(context)
        if self.asvar:
            context[self.asvar] = url
            return ""
        return conditional_escape(url) if context.autoescape else url


@register.tag
def url(parser, token):
    node = django_url(parser, token)
    return MemoURLNode(node.view_name, node.args, node.kwargs, node.asvar)
