"""The review queue opens on what waits for the secretariat now."""

import pytest
from django.utils import timezone

from accounts.models import Participant
from mandates.models import Mandate
from tests.factories import ProgressReportFactory

pytestmark = pytest.mark.django_db


def report(cycle, number, status, *, days_ago=0, code="ARG"):
    return ProgressReportFactory(
        participant=Participant.objects.get(code=code),
        mandate=Mandate.objects.get(number=number),
        cycle=cycle,
        status=status,
        submitted_at=timezone.now() - timezone.timedelta(days=days_ago),
        published_at=timezone.now() if status == "published" else None,
    )


@pytest.fixture
def queue(cycle, closed_cycle):
    return {
        "newer": report(cycle, 1, "submitted", days_ago=1),
        "older": report(cycle, 2, "submitted", days_ago=5, code="BRA"),
        "published": report(cycle, 3, "published", days_ago=9),
        "past": report(closed_cycle, 4, "submitted", days_ago=300),
    }


def test_queue_opens_on_submitted_reports_of_the_current_cycle_oldest_first(
    client, secretariat, queue, cycle
):
    client.force_login(secretariat)
    response = client.get("/en/review/")
    assert list(response.context["page"]) == [queue["older"], queue["newer"]]
    assert response.context["filters"]["cycle"] == cycle


def test_choosing_all_in_the_form_still_shows_everything(client, secretariat, queue):
    client.force_login(secretariat)
    response = client.get("/en/review/", {"cycle": "", "status": ""})
    assert set(response.context["page"]) == set(queue.values())


def test_an_unknown_participant_code_is_ignored(client, secretariat, queue):
    client.force_login(secretariat)
    assert client.get("/en/review/", {"participant": "ZZZ"}).status_code == 200
