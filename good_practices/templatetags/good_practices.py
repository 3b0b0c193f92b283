"""The search page's facets and results, built in Python.

The search page lists twenty results and some seventy facet values; through
the include templates (_facet.html, _facet_value.html, _result.html,
_observation_result.html) that took most of the page's time. Each is the same
few lines of HTML each time, so `facet_list` and `result_list` build them
here, to the character what those templates make: the templates stay as the
reference, and tests/good_practices/test_search_html.py compares the two.
"""

import html
import unicodedata
from functools import partial
from urllib.parse import quote_plus, urlencode

from django import template
from django.conf import settings
from django.utils import dateformat
from django.utils.formats import localize
from django.utils.functional import Promise
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.timezone import template_localtime
from django.utils.translation import gettext, ngettext

from common.links import remembered_reverse
from mandates.models import mandate_label

from ..models import RegionalCapacity

register = template.Library()

SHOWN = 8  # values shown before "more" (good_practices.search.SHOWN)


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


class Toggles:
    """Query strings of the current search with one value added or removed.

    What facet_toggle makes, without copying the QueryDict for each of the
    page's facet values: each pair is encoded once.
    """

    def __init__(self, query):
        self.lists = {k: list(v) for k, v in query.lists() if k != "page"}
        self.encoded = {k: [_pair(k, v) for v in vs] for k, vs in self.lists.items()}

    def href(self, name: str, value) -> str:
        value = str(value)
        values = list(self.lists.get(name, ()))
        if value in values:
            values.remove(value)
        else:
            values.append(value)
        encoded = {**self.encoded, name: [_pair(name, v) for v in values]}
        return "&".join(pair for pairs in encoded.values() for pair in pairs)


def esc(value) -> str:
    """conditional_escape(value) (the same characters), without the lazy
    wrapper Django puts around it: the page escapes a few thousand values."""
    if isinstance(value, Promise):
        value = str(value)
    if hasattr(value, "__html__"):
        return value.__html__()
    return html.escape(str(value))


def _pair(key: str, value: str) -> str:
    return f"{quote_plus(key)}={quote_plus(value)}"


def _number(n: int) -> str:
    """A whole number as {{ n }} writes it."""
    if settings.USE_THOUSAND_SEPARATOR:
        return esc(str(localize(n)))
    return str(n)


def _year(moment) -> str:
    """{{ moment|date:"Y" }}"""
    return dateformat.format(template_localtime(moment), "Y")


# --- Facets (_facet.html, _facet_value.html) ---------------------------------


@register.simple_tag(takes_context=True)
def facet_list(context, facets) -> str:
    """Every facet with values, as _facet.html writes each."""
    toggles = Toggles(context["request"].GET)
    return mark_safe(  # noqa: S308 - every value below is escaped
        "".join(_facet(facet, toggles) for facet in facets if facet.values)
    )


def _facet(facet, toggles: Toggles) -> str:
    name, values = esc(facet.name), facet.values
    parts = [
        f'\n<section class="facet" aria-labelledby="facet-{name}">\n'
        f'  <h3 id="facet-{name}">{esc(facet.label)}</h3>\n  <ul>\n    ',
        *(_facet_value(facet.name, value, toggles) for value in values[:SHOWN]),
        "\n  </ul>\n  ",
    ]
    if len(values) > SHOWN:
        more = len(values) - SHOWN
        summary = ngettext("%(counter)s more", "%(counter)s more", more) % {
            "counter": _number(more)
        }
        parts += [
            f"\n  <details>\n    <summary>{summary}</summary>\n    <ul>\n      ",
            *(_facet_value(facet.name, value, toggles) for value in values[SHOWN:]),
            "\n    </ul>\n  </details>\n  ",
        ]
    parts.append("\n</section>\n")
    return "".join(parts)


def _facet_value(name: str, value, toggles: Toggles) -> str:
    if value.approximate:
        count = gettext("about %(count)s") % {"count": _number(value.count)}
    else:
        count = _number(value.count)
    href = esc(toggles.href(name, value.value))
    if value.selected:
        selected = gettext("selected; follow to remove")
        return (
            f'<li><a href="?{href}" class="facet-selected" aria-current="true">'
            f'<span aria-hidden="true">✓ </span>{esc(value.label)} '
            f'<span class="count">({count})</span>'
            f'<span class="visually-hidden"> {selected}</span></a></li>\n'
        )
    return (
        f'<li><a href="?{href}">{esc(value.label)} '
        f'<span class="count">({count})</span></a></li>\n'
    )


# --- Results (_result.html, _observation_result.html) ------------------------


@register.simple_tag
def result_list(records) -> str:
    """The page's records, as _result.html or _observation_result.html writes each."""
    names = Names()
    return mark_safe(  # noqa: S308 - every value below is escaped
        "".join(
            _observation(record, names)
            if getattr(record, "search_kind", None) == "observation"
            else _result(record, names)
            for record in records
        )
    )


class Names:
    """get_FOO_display() and mandates' URLs, each looked up once per page.

    Django's get_FOO_display() hashes every choice's lazy label, translating
    it, at each call; the page asks for a few labels many times.
    """

    def __init__(self):
        self.choices: dict = {}
        self.mandate_links: dict = {}

    def display(self, record, field: str, value=None) -> str:
        """record.get_<field>_display(); of `value` if given."""
        key = (record._meta.model, field)
        if key not in self.choices:
            choices = record._meta.get_field(field).flatchoices
            self.choices[key] = {value: str(label) for value, label in choices}
        value = getattr(record, field) if value is None else value
        return self.choices[key].get(value, value)

    def support_type(self, record) -> str:
        """A capacity's type of support: read with the page's rows by
        search.page_rows, else from its own row."""
        value = getattr(record, "capacity_support", None)
        if value is None:
            return self.display(record.specific, "support_type")
        return self.display(RegionalCapacity, "support_type", value)

    def mandate_link(self, number: int, name) -> str:
        """A link to the mandate, named by its number (the same on every result)."""
        if number not in self.mandate_links:
            url = remembered_reverse("mandates:detail", args=[number])
            self.mandate_links[number] = (
                f'<a href="{esc(url)}" title="{esc(name())}">{_number(number)}</a>'
            )
        return self.mandate_links[number]


def _mandates(record) -> list[tuple]:
    """(number, its name when asked) of each of a record's mandates: from the
    arrays search.page_rows reads, else from the models."""
    numbers = getattr(record, "mandate_numbers", None)
    if numbers is None:
        return [(m.number, m.__str__) for m in record.mandates.all()]
    return [
        (number, partial(mandate_label, number, topic))
        for number, topic in zip(numbers, record.mandate_names, strict=True)
    ]


def _url(record) -> str:
    """record.get_absolute_url(), its reverse() remembered (common.links)."""
    name = "practice_detail" if record.is_practice else "capacity_detail"
    return remembered_reverse(f"good_practices:{name}", kwargs=[("pk", record.pk)])


def _truncated(text: str) -> str:
    """{{ text|truncatechars:320 }}: Truncator normalises the text (NFC), and
    leaves it whole when it has no more than 320 characters."""
    text = unicodedata.normalize("NFC", text)
    return esc(text if len(text) <= 320 else Truncator(text).chars(320))


def _meta_end(record, names: Names) -> str:
    year = f" · {_year(record.published_at)}" if record.published_at else ""
    return f"{year} · {esc(names.display(record, 'language'))}\n    </p>\n"


def _result(record, names: Names) -> str:
    pk, language = _number(record.pk), esc(record.language)
    support = (
        ""
        if record.is_practice
        else f'<span class="tag">{esc(names.support_type(record))}</span>'
    )
    parts = [
        f'<li>\n  <article class="result" aria-labelledby="result-{pk}">\n'
        f'    <h3 id="result-{pk}" lang="{language}">'
        f'<a href="{esc(_url(record))}">{esc(record.title)}</a></h3>\n'
        f'    <p class="meta">\n'
        f'      <span class="tag tag-{esc(record.kind)}">'
        f"{esc(names.display(record, 'kind'))}</span>\n"
        f"      {support}\n"
        f"      {esc(record.participant.name)}{_meta_end(record, names)}"
        f'    <p lang="{language}">{_truncated(record.summary)}</p>\n'
        "    "
    ]
    mandates = _mandates(record)
    if mandates:
        links = ", ".join(names.mandate_link(*mandate) for mandate in mandates)
        parts.append(
            f'\n    <dl class="inline-facts"><dt>{gettext("Mandates")}</dt>'
            f"<dd>{links}</dd></dl>\n    "
        )
    parts.append("\n  </article>\n</li>\n")
    return "".join(parts)


def _observation(record, names: Names) -> str:
    pk = _number(record.pk)
    url = remembered_reverse("civil_society:observation_detail", args=[record.pk])
    title = gettext("%(name)s on %(participant)s, mandate %(number)s") % {
        "name": esc(record.organisation.name),
        "participant": esc(record.participant.name),
        "number": _number(record.mandate.number),
    }
    return (
        f'<li>\n  <article class="result" aria-labelledby="result-observation-{pk}">\n'
        f'    <h3 id="result-observation-{pk}"><a href="{esc(url)}">{title}</a></h3>\n'
        f'    <p class="meta">\n'
        f'      <span class="tag tag-observation">'
        f"{gettext('Civil-society observation')}</span>\n"
        f'      <span class="level level-{esc(record.assessment)}">'
        f"{esc(names.display(record, 'assessment'))}</span>\n"
        f"      {esc(record.cycle.name)}{_meta_end(record, names)}"
        f'    <p lang="{esc(record.language)}">'
        f"{_truncated(record.text)}</p>\n"
        "  </article>\n</li>\n"
    )
