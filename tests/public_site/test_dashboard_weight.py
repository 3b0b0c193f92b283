"""A full world (48 participants x 57 mandates, every report published): the
matrix page stays light, and every dashboard runs a fixed number of queries
whatever the number of reports, read from the summary tables."""

import random

import pytest
from django.utils import timezone

from accounts.models import Participant
from mandates.models import Mandate
from progress.models import ImplementationLevel, ProgressReport
from tests.factories import ProgressReportFactory

pytestmark = pytest.mark.django_db

MATRIX_BYTES = 150_000
DASHBOARDS = [
    # (address, queries): anonymous readers, no session. The dashboards read the
    # published civil-society observations once more (civil_society.public):
    # one query, whatever their number. The mandate and participant pages read
    # the mandate (with its neighbours) or the participant, the cycles, the
    # reports (evidence counted in the same query) and whether any observation
    # stands beside them (none here; two more queries when some do).
    ("/en/dashboards/", 6),
    ("/en/dashboards/matrix/", 5),
    ("/api/v1/dashboards/sections/", 3),
    ("/api/v1/dashboards/matrix/", 5),
    ("/en/dashboards/mandates/13/", 3),
    ("/en/dashboards/participants/MEX/", 3),
    ("/en/mandates/13/", 4),
    ("/en/participants/MEX/", 4),
]


def publish_everything(cycle) -> int:
    """A published report, at a random level, on every cell of the matrix."""
    rng = random.Random(57)
    now = timezone.now()
    reports = [
        ProgressReport(
            participant=participant,
            mandate=mandate,
            cycle=cycle,
            status=ProgressReport.Status.PUBLISHED,
            implementation_level=rng.choice(ImplementationLevel.values),
            actions_taken="Adopted a law.",
            published_at=now,
        )
        for participant in Participant.objects.all()
        for mandate in Mandate.objects.all()
    ]
    ProgressReport.objects.bulk_create(reports)
    return len(reports)


@pytest.fixture
def full_world(cycle):
    assert publish_everything(cycle) == 48 * 57
    return cycle


def test_a_full_matrix_weighs_at_most_150_kb(client, full_world):
    response = client.get("/en/dashboards/matrix/")
    assert response.status_code == 200
    matrix = response.context["matrix"]
    assert (len(matrix.rows), len(matrix.mandates)) == (48, 57)
    assert all(cell.level for row in matrix.rows for cell in row.cells)
    content = response.content.decode()
    assert content.count("<td class=l") == 48 * 57
    assert len(response.content) <= MATRIX_BYTES, len(response.content)
    # A real table: headers with their scope, the codes explained.
    assert content.count('<th scope="col">') == 58
    assert content.count("<th scope=row>") == 48
    assert content.count("<abbr title=") == len(ImplementationLevel.values)


def test_the_matrix_in_spanish_is_as_light(client, full_world):
    response = client.get("/es/dashboards/matrix/")
    assert len(response.content) <= MATRIX_BYTES, len(response.content)


@pytest.mark.parametrize(("url", "queries"), DASHBOARDS)
def test_dashboard_queries_are_pinned(
    client, url, queries, full_world, closed_cycle, django_assert_num_queries
):
    ProgressReportFactory(
        participant=Participant.objects.get(code="MEX"),
        mandate=Mandate.objects.get(number=13),
        cycle=closed_cycle,
    )
    with django_assert_num_queries(queries):
        assert client.get(url).status_code == 200
