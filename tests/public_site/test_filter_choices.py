"""The cycle, section, participant and mandate choices of the reports'
filters, read as pairs without a model each, are the choices the model fields
gave, in every language, selected or not."""

import pytest
from django.forms.models import ModelChoiceIterator
from django.http import QueryDict
from django.utils import translation

from mandates.models import Mandate
from public_site.opendata.datasets import published_reports
from public_site.opendata.filters import PublishedReportFilter

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", ["en", "es", "pt", "fr"])
@pytest.mark.parametrize(
    "query",
    ["", "participant=MEX&mandate=18", "mandate=13", "cycle={cycle}&section=B"],
)
def test_paired_choices_are_the_model_fields_choices(
    language, query, cycle, closed_cycle
):
    query = query.format(cycle=closed_cycle.pk)
    with translation.override(language):
        form = PublishedReportFilter(
            QueryDict(query), queryset=published_reports()
        ).form
        for name in ("participant", "mandate", "cycle", "section"):
            field = form.fields[name]
            fast = str(form[name])
            field.iterator = ModelChoiceIterator  # a model per choice
            assert str(form[name]) == fast, name
            assert fast.count("<option") == field.queryset.count() + 1


def test_a_mandate_without_topic_is_named_by_its_number():
    assert not Mandate.objects.get(number=18).topic
    form = PublishedReportFilter(QueryDict(""), queryset=published_reports()).form
    assert '<option value="18">Mandate 18</option>' in str(form["mandate"])
