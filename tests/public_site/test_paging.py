"""Pages of the published reports (opendata.paging) hold exactly what the same
slices of the fully sorted list hold, on the page, in the API and in every
language, without sorting all the reports."""

import random

import pytest
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from accounts.models import Participant
from mandates.models import Mandate
from progress.models import ProgressReport
from public_site.opendata.datasets import published_reports
from public_site.opendata.paging import PublishedReportSequence, unfiltered
from tests.factories import ProgressReportFactory

pytestmark = pytest.mark.django_db
CODES = ["USA", "MEX", "GTM", "ECU", "OAS", "ARG"]


@pytest.fixture
def reports(cycle, closed_cycle):
    rng = random.Random(7)
    mandates = list(Mandate.objects.order_by("?")[:9])
    made = []
    for one in (cycle, closed_cycle):
        for code in CODES:
            participant = Participant.objects.get(code=code)
            for mandate in rng.sample(mandates, rng.randint(1, 9)):
                made.append(
                    ProgressReportFactory(
                        participant=participant, mandate=mandate, cycle=one
                    )
                )
    # Not published: never counted nor shown.
    ProgressReportFactory(
        participant=Participant.objects.get(code="BRA"),
        mandate=mandates[0],
        cycle=cycle,
        status="submitted",
        published_at=None,
    )
    return made


@pytest.mark.parametrize("from_summary", [False, True])
@pytest.mark.parametrize("language", ["en", "fr"])
def test_every_slice_is_the_slice_of_the_sorted_list(reports, language, from_summary):
    """Counted from the reports, or, for the whole list, from the summary table
    that the publications' trigger keeps."""
    with translation.override(language):
        expected = [r.pk for r in published_reports()]
        sequence = PublishedReportSequence(published_reports(), unfiltered=from_summary)
        assert sequence.count() == len(expected) == len(reports)
        for start in range(0, len(expected) + 3):
            for size in (1, 4, 10, 50):
                got = [r.pk for r in sequence[start : start + size]]
                assert got == expected[start : start + size], (start, size)


def test_a_filtered_list_pages_the_same(reports):
    only = published_reports().filter(participant__kind="state", mandate__number__lt=30)
    expected = [r.pk for r in only]
    sequence = PublishedReportSequence(only)
    assert sequence.count() == len(expected)
    assert [r.pk for r in sequence[3:13]] == expected[3:13]


def test_a_page_reads_only_the_reports_it_overlaps(reports):
    sequence = PublishedReportSequence(published_reports())
    sequence.count()
    with CaptureQueriesContext(connection) as queries:
        page = sequence[5:8]
    # The keys of the reports of the pairs the page overlaps, then the page's
    # own three reports, whole.
    assert len(queries) == 2
    assert len(page) == 3
    assert '"progress_progressreport"."actions_taken"' not in queries[0]["sql"]
    assert '"progress_progressreport"."actions_taken"' in queries[1]["sql"]


def test_the_list_page_and_the_api_follow_the_sorted_order(client, reports):
    expected = list(published_reports().values_list("pk", flat=True))
    page = client.get("/en/reports/?page=2")
    assert [r.pk for r in page.context["page"]] == expected[50:100]
    assert page.context["page"].paginator.count == len(expected)
    answer = client.get("/api/v1/reports/?page=1").json()
    assert answer["count"] == len(expected)
    assert [r["id"] for r in answer["results"]] == expected[:100]
    # An order of the client's choice is still the database's.
    by_id = client.get("/api/v1/reports/?ordering=-id").json()
    assert [r["id"] for r in by_id["results"]] == sorted(expected, reverse=True)[:100]
    assert ProgressReport.objects.count() == len(expected) + 1


@pytest.mark.parametrize(
    ("query", "whole"),
    [
        ("", True),
        ("page=2", True),
        ("format=json&page=3", True),
        ("participant=", False),
        ("cycle=1", False),
        ("page=2&mandate=13", False),
    ],
)
def test_only_a_query_without_filters_counts_from_the_summary(query, whole):
    assert unfiltered(QueryDict(query)) is whole
