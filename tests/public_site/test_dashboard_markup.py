"""The dashboards' charts written in Python (public_site.templatetags.dashboards)
are, to the character, what the included templates wrote, in every language."""

import pytest
from django.template import engines
from django.utils import translation

from public_site.dashboards.selectors import Distribution, level_legend
from public_site.markup import link_items

# The templates the tags replace (the legend was included in the bars).
BARS = '{% load i18n %}{# 100% bars, one per row; each part names its level and count. #}\n<figure class="chart">\n  <figcaption>{{ caption }}</figcaption>\n  <ul class="legend" aria-label="{% translate \'Implementation levels\' %}">\n  {% for item in legend %}<li><span class="swatch bar-{{ item.level }}" aria-hidden="true"></span> {{ item.label }}{% if with_short %} <span class="muted">({{ item.short }})</span>{% endif %}</li>{% endfor %}\n</ul>\n\n  <div class="stacked" role="img" aria-label="{% blocktranslate with caption=caption %}{{ caption }}: bar chart; the table that follows gives the same figures.{% endblocktranslate %}">\n  {% for row in rows %}\n    <div class="stacked-row">\n      <span class="stacked-label">{{ row.label }}</span>\n      <span class="stacked-bar">{% for item in row.levels %}{% if item.count %}<span class="segment bar-{{ item.level }} w-{{ item.percent|floatformat:0 }}">{% if item.percent >= 9 %}{{ item.short }} {{ item.count }}{% endif %}</span>{% endif %}{% empty %}{% endfor %}{% if not row.total %}<span class="segment segment-empty">{% translate "nothing published" %}</span>{% endif %}</span>\n      <span class="stacked-total">{{ row.total }}</span>\n    </div>\n  {% endfor %}\n  </div>\n</figure>\n'  # noqa: E501
TABLE = '{% load i18n %}<div class="table-scroll">\n<table class="figures-table">\n  <caption>{{ caption }}</caption>\n  <thead><tr><th scope="col">{{ row_header }}</th>{% for item in legend %}<th scope="col">{{ item.label }}</th>{% endfor %}<th scope="col">{% translate "Total" %}</th></tr></thead>\n  <tbody>\n  {% for row in rows %}\n  <tr><th scope="row">{{ row.label }}</th>{% for item in row.levels %}<td>{{ item.count }}{% if item.count %} <span class="muted">({{ item.percent }}%)</span>{% endif %}</td>{% endfor %}<td>{{ row.total }}</td></tr>\n  {% endfor %}\n  </tbody>\n</table>\n</div>\n'  # noqa: E501
NEW = (
    "{% load dashboards %}{% stacked_bars rows caption %}|"
    "{% level_table rows caption row_header %}"
)

ROWS = [
    Distribution("A", "A. Political <will>", {"advanced": 3, "initial": 1}),
    Distribution("B", "B. Transparency", {}),
    Distribution(
        "C",
        "C & D",
        {"not_started": 1, "initial": 2, "in_progress": 30, "completed": 7},
    ),
    Distribution("2024", "2024", {"not_applicable": 2, "advanced": 1}),
]


@pytest.mark.parametrize("language", ["en", "es", "pt", "fr"])
def test_the_tags_write_what_the_templates_wrote(language):
    engine = engines["django"]
    with translation.override(language):
        context = {
            "rows": ROWS,
            # A caption as blocktranslate asvar makes it (safe), a header as
            # translate asvar makes it (not yet escaped).
            "caption": engine.from_string(
                '{% load i18n %}{% blocktranslate asvar c with x="<b>&" %}'
                "Levels of {{ x }}{% endblocktranslate %}{{ c }}"
            ).render({}),
            "row_header": "Section <&>",
            "legend": level_legend(),
        }
        old = (
            engine.from_string(BARS).render(context)
            + "|"
            + engine.from_string(TABLE).render(context)
        )
        assert engine.from_string(NEW).render(context) == old


@pytest.mark.django_db
def test_mandate_links_name_mandates_on_the_overview_and_number_them_in_the_matrix(
    client, cycle
):
    from tests.factories import ProgressReportFactory

    ProgressReportFactory(cycle=cycle)
    overview = client.get("/en/dashboards/").content.decode()
    assert '<a href="/en/dashboards/mandates/13/">Mandate 13</a>' in overview
    matrix = client.get("/en/dashboards/matrix/").content.decode()
    assert (
        '<a href="/en/dashboards/mandates/13/"><span class="visually-hidden">'
        "Mandate </span>13</a>"
    ) in matrix


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "es", "pt", "fr"])
def test_the_overviews_lists_of_links_are_the_template_loops(client, cycle, language):
    """The overview's links to each mandate's and participant's charts,
    written in Python (public_site.markup.link_items)."""
    from tests.factories import ProgressReportFactory

    loop = (
        "{% for address, name in links %}"
        '<li><a href="{{ address }}">{{ name }}</a></li>{% endfor %}'
    )
    ProgressReportFactory(cycle=cycle)
    page = client.get(f"/{language}/dashboards/")
    with translation.override(language):
        for name in ("mandate_links", "participant_links"):
            links = page.context[name]
            assert len(links) in (57, 48)
            written = engines["django"].from_string(loop).render({"links": links})
            assert f'<ul class="columns">{written}</ul>' in page.content.decode()
    odd = [("/x?a=1&b=2", '<b>"Name" & co</b>')]
    with translation.override(language):
        assert link_items(odd) == engines["django"].from_string(loop).render(
            {"links": odd}
        )
