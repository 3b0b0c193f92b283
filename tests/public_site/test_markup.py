"""The rows that public_site.markup writes in Python are the rows the templates
wrote: same cells, same text, same links, in every language."""

import re

import pytest
from django.template import engines
from django.utils import timezone, translation

from accounts.models import Participant
from civil_society import public as civil_society
from mandates.models import Mandate
from progress import selectors
from progress.models import ProgressReport
from public_site import markup
from public_site.opendata.datasets import published_reports
from public_site.opendata.paging import LISTED_COLUMNS, PublishedReportRows
from tests.factories import ProgressReportFactory

pytestmark = pytest.mark.django_db

# The loops the templates had before the rows were written in Python.
LIST_ROW = """{% load i18n %}{% for report in reports %}
  <tr>
    <td>{{ report.participant.name }}</td>
    <th scope="row"><a href="{% url 'progress:report_detail' report.pk %}">{% blocktranslate with number=report.mandate.number %}Mandate {{ number }}{% endblocktranslate %}</a>{% if report.mandate.section %} <span class="muted">({{ report.mandate.section.code }})</span>{% endif %}</th>
    <td>{{ report.cycle.name }}</td>
    <td>{% if report.implementation_level %}<span class="level level-{{ report.implementation_level }}">{{ report.get_implementation_level_display }}</span>{% else %}—{% endif %}</td>
    <td>{{ report.published_at|date:"DATE_FORMAT" }}</td>
  </tr>
  {% endfor %}"""  # noqa: E501
LEVEL = """{% if report.implementation_level %}<span class="level level-{{ report.implementation_level }}">{{ report.get_implementation_level_display }}</span>{% else %}—{% endif %}"""  # noqa: E501
CELL = """{% if report.observations %}<a href="#observations-report-{{ report.pk }}">{% blocktranslate count counter=report.observations|length %}{{ counter }} observation{% plural %}{{ counter }} observations{% endblocktranslate %}</a>{% if report.different_views %} <strong class="different-views">{% translate "Different views" %}</strong>{% endif %}{% else %}—{% endif %}"""  # noqa: E501
MANDATE_ROW = (
    """{% load i18n %}{% for report in reports %}
  <tr>
    <th scope="row"><a href="{% url 'progress:report_detail' report.pk %}">{{ report.participant.name }}</a></th>
    <td>"""  # noqa: E501
    + LEVEL
    + """</td>
    <td>{{ report.public_evidence_count }}</td>
    <td>"""
    + CELL
    + """</td>
  </tr>
  {% endfor %}"""
)
PARTICIPANT_ROW = MANDATE_ROW.replace(
    "{{ report.participant.name }}",
    '{% if report.mandate.topic %}<span class="mandate-number">'
    "{{ report.mandate.number }}.</span> {{ report.mandate.topic }}{% else %}"
    "{% blocktranslate with number=report.mandate.number %}Mandate {{ number }}"
    "{% endblocktranslate %}{% endif %}",
)


def rendered(source, reports):
    return engines["django"].from_string(source).render({"reports": reports})


def same(html):
    return re.sub(r"\s+", " ", html).strip()


@pytest.fixture
def reports(cycle):
    made = []
    for code, number, level in [
        ("MEX", 13, "advanced"),
        ("ECU", 13, ""),
        ("USA", 13, "in_progress"),
        ("MEX", 18, "initial"),  # a mandate whose topic is not known yet
    ]:
        made.append(
            ProgressReportFactory(
                participant=Participant.objects.get(code=code),
                mandate=Mandate.objects.get(number=number),
                cycle=cycle,
                implementation_level=level,
                published_at=timezone.now(),
            )
        )
    made[1].published_at = None
    return made


@pytest.mark.parametrize("language", ["en", "es", "pt", "fr"])
def test_the_list_rows_are_the_templates_rows(reports, language):
    with translation.override(language):
        rows = list(published_reports())
        assert same(markup.published_report_rows(rows)) == same(
            rendered(LIST_ROW, rows)
        )


@pytest.mark.parametrize("language", ["en", "es", "pt", "fr"])
def test_the_list_rows_read_as_rows_are_the_same(reports, language):
    """The page of reports reads its rows without models (opendata.paging)."""
    with translation.override(language):
        models = list(published_reports())
        rows = PublishedReportRows(published_reports(), LISTED_COLUMNS)[0:50]
        assert [row.pk for row in rows] == [report.pk for report in models]
        assert markup.published_report_rows(rows) == markup.published_report_rows(
            models
        )


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_mandate_and_participant_rows_are_the_templates_rows(
    reports, cycle, language
):
    mandate = Mandate.objects.get(number=13)
    participant = Participant.objects.get(code="MEX")
    with translation.override(language):
        by_mandate = civil_society.attach(
            selectors.published_for_mandate(mandate=mandate, cycle=cycle),
            mandate=mandate,
            cycle=cycle,
        ).reports
        # Observations beside one report, with a difference of views.
        by_mandate[0].observations = [object(), object()]
        by_mandate[0].different_views = True
        by_participant = civil_society.attach(
            selectors.published_for_participant(participant=participant, cycle=cycle),
            participant=participant,
            cycle=cycle,
        ).reports
        by_participant[-1].observations = [object()]
        assert len(by_mandate) == 3 and len(by_participant) == 2
        assert not by_participant[-1].mandate.topic
        assert same(markup.mandate_report_rows(by_mandate)) == same(
            rendered(MANDATE_ROW, as_models(by_mandate))
        )
        assert same(markup.participant_report_rows(by_participant)) == same(
            rendered(PARTICIPANT_ROW, as_models(by_participant))
        )


def as_models(rows):
    """The reports of the rows (what the templates were given), with what the
    page adds to each."""
    models = ProgressReport.objects.select_related("participant", "mandate__section")
    found = {report.pk: report for report in models.filter(pk__in=[r.pk for r in rows])}
    for row in rows:
        report = found[row.pk]
        report.public_evidence_count = report.evidence.filter(is_public=True).count()
        assert report.public_evidence_count == row.public_evidence_count
        report.observations = row.observations
        report.different_views = row.different_views
    return [found[row.pk] for row in rows]


def test_names_are_escaped(reports):
    participant = Participant.objects.get(code="MEX")
    participant.name_en = "<b>México & co</b>"
    participant.save()
    html = markup.published_report_rows(list(published_reports()))
    assert "&lt;b&gt;México &amp; co&lt;/b&gt;" in html
    assert "<b>" not in html
