"""Django's form renderer, with the select and input widgets written in Python.

Django renders a <select> through a template that includes another template
for each <option>: the filter form of the public list of reports (130 options)
took 40 % of that page's time. These two widgets are the same few lines of
HTML each time, so they are built here, to the character what Django's
templates make (tests/common/test_formrender.py compares the two); every other
template is rendered by Django as before.
"""

from django.forms.renderers import DjangoTemplates
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe

SELECT = "django/forms/widgets/select.html"
OPTION = "django/forms/widgets/select_option.html"
INPUTS = {
    f"django/forms/widgets/{kind}.html"
    for kind in ("input", "text", "number", "email", "url", "date", "search")
}


def _attrs(attrs: dict) -> str:
    """What django/forms/widgets/attrs.html writes."""
    parts = []
    for name, value in attrs.items():
        if value is False:
            continue
        if value is True:
            parts.append(f" {conditional_escape(name)}")
        else:
            parts.append(f' {conditional_escape(name)}="{conditional_escape(value)}"')
    return "".join(parts)


def _select(widget: dict) -> str | None:
    parts = [f'<select name="{conditional_escape(widget["name"])}"']
    parts.append(_attrs(widget["attrs"]))
    parts.append(">")
    for group_name, options, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{conditional_escape(group_name)}">')
        for option in options:
            if option["template_name"] != OPTION:
                return None
            parts.append(
                f'\n  <option value="{conditional_escape(option["value"])}"'
                f"{_attrs(option['attrs'])}>{conditional_escape(option['label'])}"
                "</option>\n"  # select_option.html ends with a new line
            )
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return "".join(parts)


def _input(widget: dict) -> str:
    value = widget["value"]
    shown = "" if value is None else f' value="{conditional_escape(value)}"'
    return format_html(
        '<input type="{}" name="{}"{}{}>',
        widget["type"],
        widget["name"],
        mark_safe(shown),  # noqa: S308 - escaped
        mark_safe(_attrs(widget["attrs"])),  # noqa: S308 - escaped
    )


class FastWidgetRenderer(DjangoTemplates):
    def render(self, template_name, context, request=None):
        if template_name == SELECT:
            html = _select(context["widget"])
            if html is not None:
                return mark_safe(html)  # noqa: S308 - every part is escaped or fixed
        elif template_name in INPUTS:
            return _input(context["widget"])
        return super().render(template_name, context, request=request)
