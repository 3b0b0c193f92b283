"""The public lists' serializers build their answers directly (common.api_fast):
every answer, in every language, must be what DRF's own field-by-field path
gives for the same records, key for key and in the same order."""

import json
from datetime import UTC, datetime

import pytest
from django.http import QueryDict
from django.utils import translation
from rest_framework.renderers import JSONRenderer

from accounts.api import ParticipantSerializer
from accounts.models import Participant
from common.api_fast import generic_representation
from good_practices.api import CapacitySerializer, GoodPracticeSerializer
from good_practices.models import Contribution, PracticeAttachment
from mandates.api import MandateSerializer, SectionSerializer
from mandates.models import Mandate, Section
from progress.models import ProgressReport, ReportingCycle
from public_site.dashboards.selectors import (
    level_matrix,
    mandate_progress,
    matrix_filters,
    participant_progress,
    section_progress,
)
from public_site.serializers import (
    CycleSerializer,
    DistributionSerializer,
    MatrixSerializer,
    PublishedReportSerializer,
)

from ..factories import (
    CapacityFactory,
    GoodPracticeFactory,
    ParticipantFactory,
    ProgressReportFactory,
)

pytestmark = pytest.mark.django_db

LANGUAGES = ["en", "es", "pt", "fr"]


@pytest.fixture
def records(cycle, closed_cycle):
    """Records with the values that take another branch: nulls, blanks, names
    missing in a language, a mandate outside any section, files and links."""
    Mandate.objects.filter(number=2).update(section=None)
    Mandate.objects.filter(number=3).update(topic_pt="")
    unnamed = ParticipantFactory(code="ZZQ", name_en="Zeta State", name_es="")
    oas = Participant.objects.get(code="OAS")
    ProgressReportFactory(cycle=cycle)
    ProgressReportFactory(
        cycle=cycle,
        mandate=Mandate.objects.get(number=2),
        implementation_level="",
        assistance_type="training",
        assistance_description="Courses for judges.",
        indicator_values={"2.1": True, "2.2": 3.5, "2.3": "text", "2.4": None},
        language="es",
        results="Más transparencia.",
    )
    ProgressReportFactory(cycle=closed_cycle, participant=unnamed, language="pt")
    ProgressReportFactory(
        cycle=closed_cycle,
        participant=oas,
        mandate=Mandate.objects.get(number=3),
        published_at=datetime(2024, 5, 6, 7, 8, 9, 123456, tzinfo=UTC),
    )
    practice = GoodPracticeFactory(
        mandates=[14, 2, 30], end_year=2022, contact_name="Ana", language="es"
    )
    PracticeAttachment.objects.create(
        practice=practice, title="Law", url="https://example.org/law"
    )
    PracticeAttachment.objects.create(
        practice=practice, title="Report", file="attachments/report.pdf"
    )
    GoodPracticeFactory(participant=unnamed, mandates=[])
    capacity = CapacityFactory(
        subregions=["caribbean", "andean"],
        languages_offered=["es", "en"],
        contact_email="help@example.org",
    )
    capacity.countries.set(Participant.objects.filter(code__in=["USA", "LCA", "DMA"]))
    CapacityFactory(support_type="funding", mandates=[])


def _generic(serializer_class, instance, request) -> dict:
    serializer = serializer_class(context={"request": request})
    answer = generic_representation(serializer, instance)
    return json.loads(JSONRenderer().render(answer))


# Each list: its address, its serializer, and how to read a row's record afresh.
LISTS = [
    (
        "/api/v1/reports/",
        PublishedReportSerializer,
        lambda row: ProgressReport.objects.get(pk=row["id"]),
    ),
    (
        # Paged by the database: instances, not rows.
        "/api/v1/reports/?ordering=-published_at",
        PublishedReportSerializer,
        lambda row: ProgressReport.objects.get(pk=row["id"]),
    ),
    (
        "/api/v1/good-practices/",
        GoodPracticeSerializer,
        lambda row: Contribution.objects.get(pk=row["id"]),
    ),
    (
        "/api/v1/capacities/",
        CapacitySerializer,
        lambda row: Contribution.objects.get(pk=row["id"]),
    ),
    (
        "/api/v1/mandates/",
        MandateSerializer,
        lambda row: Mandate.objects.get(number=row["number"]),
    ),
    (
        "/api/v1/participants/",
        ParticipantSerializer,
        lambda row: Participant.objects.get(code=row["code"]),
    ),
    (
        "/api/v1/cycles/",
        CycleSerializer,
        lambda row: ReportingCycle.objects.get(pk=row["id"]),
    ),
]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(("url", "serializer_class", "record"), LISTS)
def test_public_list_answers_as_drf_generic_path(
    client, records, language, url, serializer_class, record
):
    response = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
    rows = response.json()["results"]
    assert len(rows) > 1
    with translation.override(language):
        expected = [
            _generic(serializer_class, record(row), response.wsgi_request)
            for row in rows
        ]
    assert [list(row.items()) for row in rows] == [
        list(row.items()) for row in expected
    ]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(("url", "serializer_class", "record"), LISTS)
def test_public_detail_answers_as_drf_generic_path(
    client, records, language, url, serializer_class, record
):
    rows = client.get(url).json()["results"]
    for row in rows:
        key = row.get("id") or row.get("number") or row.get("code")
        address = url.split("?")[0]
        response = client.get(f"{address}{key}/", HTTP_ACCEPT_LANGUAGE=language)
        with translation.override(language):
            expected = _generic(serializer_class, record(row), response.wsgi_request)
        assert list(response.json().items()) == list(expected.items())


@pytest.mark.parametrize(
    ("serializer_class", "records_of"),
    [
        (PublishedReportSerializer, ProgressReport.objects.published),
        (GoodPracticeSerializer, Contribution.objects.filter(kind="practice").all),
        (CapacitySerializer, Contribution.objects.filter(kind="capacity").all),
    ],
)
def test_fast_path_reads_plain_records_too(rf, records, serializer_class, records_of):
    """Without the view sets' prefetched lists, the relations' own rows."""
    request = rf.get("/api/v1/")
    for instance in records_of():
        fast = serializer_class(instance, context={"request": request}).data
        assert json.loads(JSONRenderer().render(fast)) == _generic(
            serializer_class, instance, request
        )


@pytest.mark.parametrize("language", LANGUAGES)
def test_sections_answer_as_drf_generic_path(client, language):
    Section.objects.filter(code="B").update(title_fr="")  # English instead
    response = client.get("/api/v1/sections/", HTTP_ACCEPT_LANGUAGE=language)
    with translation.override(language):
        expected = [
            _generic(SectionSerializer, Section.objects.get(code=row["code"]), None)
            for row in response.json()
        ]
    assert [list(row.items()) for row in response.json()] == [
        list(row.items()) for row in expected
    ]


def test_filters_apply_with_a_page_number_too(client, records):
    """Parameters besides the page and the order go through the FilterSet."""
    kinds = {
        row["participant_kind"]
        for row in client.get(
            "/api/v1/reports/", {"participant_kind": "jswg", "page": 1}
        ).json()["results"]
    }
    assert kinds == {"jswg"}
    assert client.get("/api/v1/mandates/", {"number": "x"}).status_code == 400
    jswg = client.get("/api/v1/participants/", {"kind": "jswg"}).json()["results"]
    assert {row["kind"] for row in jswg} == {"jswg"}


@pytest.mark.parametrize(
    ("url", "queries"),
    [
        # The page's rows with the count of all (common.api_fast.CountedRows).
        ("/api/v1/mandates/", 1),
        ("/api/v1/participants/", 1),
        # The count, then the page's rows.
        ("/api/v1/cycles/", 2),
        # Not paged: the list.
        ("/api/v1/sections/", 1),
    ],
)
def test_reference_lists_read_a_fixed_number_of_queries(
    client, cycle, closed_cycle, django_assert_num_queries, url, queries
):
    with django_assert_num_queries(queries):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("address", ["sections/", "mandates/40/", "participants/ARG/"])
def test_dashboards_answer_as_drf_generic_path(
    client, publish, draft, language, address
):
    publish(draft)
    response = client.get(
        f"/api/v1/dashboards/{address}", HTTP_ACCEPT_LANGUAGE=language
    )
    rows = response.json()
    assert sum(row["total"] for row in rows) == 1
    with translation.override(language):
        if address == "sections/":
            distributions = section_progress(cycle=draft.cycle)
        elif address.startswith("mandates/"):
            distributions = mandate_progress(mandate=draft.mandate)
        else:
            distributions = participant_progress(participant=draft.participant)
        expected = [_generic(DistributionSerializer, d, None) for d in distributions]
    assert rows == expected
    assert [list(row.items()) for row in rows] == [list(r.items()) for r in expected]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("query", ["", "participant_kind=state&section=B", "cycle=0"])
def test_the_matrix_answers_as_drf_generic_path(
    client, publish, draft, language, query
):
    publish(draft)
    response = client.get(
        f"/api/v1/dashboards/matrix/?{query}", HTTP_ACCEPT_LANGUAGE=language
    )
    if query == "cycle=0":
        assert response.status_code == 400
        return
    answer = response.json()
    levels = [level for row in answer["rows"] for level in row["levels"].values()]
    assert ("completed" in levels) is (query == "")  # mandate 40 is in no section
    with translation.override(language):
        filters = matrix_filters(QueryDict(query))
        matrix = level_matrix(**filters)
        numbers = [m.number for m in matrix.mandates]
        serializer = MatrixSerializer(context={"mandate_numbers": numbers})
        expected = json.loads(
            JSONRenderer().render(generic_representation(serializer, matrix))
        )
    assert answer == expected
    assert list(answer) == list(expected)
    assert [list(r) for r in answer["rows"]] == [list(r) for r in expected["rows"]]
