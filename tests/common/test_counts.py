"""common.counts.counts gives what each queryset's count() gives, in one query."""

import pytest

from accounts.models import Participant
from common.counts import counts
from mandates.models import Mandate
from progress.models import ProgressReport
from tests.factories import ProgressReportFactory

pytestmark = pytest.mark.django_db


def test_counts_are_each_querysets_count(cycle, django_assert_num_queries):
    ProgressReportFactory(cycle=cycle)
    ProgressReportFactory(
        cycle=cycle,
        mandate=Mandate.objects.get(number=2),
        status="submitted",
        published_at=None,
    )
    querysets = {
        "states": Participant.objects.filter(kind="state"),
        "named": Participant.objects.filter(name_en__icontains="o'"),  # a parameter
        "low": Mandate.objects.filter(number__lte=9).order_by("-number"),
        "published": ProgressReport.objects.published(),
        "none": Mandate.objects.none(),
        "empty_in": Mandate.objects.filter(pk__in=[]),
    }
    expected = {name: qs.count() for name, qs in querysets.items()}
    with django_assert_num_queries(1):
        got = counts(**querysets)
    assert got == expected
    assert got["published"] == 1 and got["low"] == 9


def test_the_home_page_reads_its_figures_in_one_query(
    client, django_assert_num_queries
):
    with django_assert_num_queries(1):
        page = client.get("/en/")
    assert page.context["figures"]["mandates"] == Mandate.objects.count() == 57
