"""The secretariat's review: the queue of submitted reports and one report's review."""

import pytest
from django.utils import timezone

from accounts.models import Participant
from mandates.models import Mandate
from progress import services
from progress.models import ProgressReport
from tests.factories import ProgressReportFactory

Status = ProgressReport.Status
pytestmark = pytest.mark.django_db


def test_review_queue_is_for_the_secretariat_only(
    client, focal, secretariat, submitted
):
    client.force_login(focal)
    assert client.get("/en/review/").status_code == 404
    assert client.get(f"/en/review/{submitted.pk}/").status_code == 404
    client.force_login(secretariat)
    response = client.get("/en/review/")
    assert list(response.context["page"]) == [submitted]


def test_review_queue_filters(client, secretariat, submitted, other_participant):
    client.force_login(secretariat)
    assert list(
        client.get(
            "/en/review/", {"participant": "ARG", "status": "submitted"}
        ).context["page"]
    ) == [submitted]
    assert (
        list(
            client.get("/en/review/", {"participant": other_participant.code}).context[
                "page"
            ]
        )
        == []
    )
    assert list(client.get("/en/review/", {"section": "A"}).context["page"]) == []


def test_review_queue_query_count_does_not_grow(
    client, secretariat, submitted, focal, cycle, django_assert_max_num_queries
):
    from accounts.models import Participant

    for participant in Participant.objects.exclude(code="ARG")[:20]:
        ProgressReport.objects.create(
            participant=participant,
            mandate=submitted.mandate,
            cycle=cycle,
            status=Status.SUBMITTED,
            submitted_by=focal,
        )
    client.force_login(secretariat)
    with django_assert_max_num_queries(12):
        response = client.get("/en/review/")
    assert response.context["page"].paginator.count == 21


def test_return_with_comment_then_focal_point_sees_it(
    client, focal, secretariat, submitted
):
    client.force_login(secretariat)
    response = client.post(
        f"/en/review/{submitted.pk}/",
        {"action": "return", "return-comment": ""},
        follow=True,
    )
    assert "needs a comment" in response.content.decode()
    client.post(
        f"/en/review/{submitted.pk}/",
        {"action": "return", "return-comment": "Attach the law."},
    )
    submitted.refresh_from_db()
    assert submitted.status == Status.RETURNED
    client.force_login(focal)
    workspace = client.get(
        f"/en/workspace/{submitted.participant.code}/"
    ).content.decode()
    assert "Attach the law." in workspace
    form = client.get(f"/en/reports/{submitted.pk}/edit/").content.decode()
    assert "The secretariat returned this report" in form


def test_review_page_shows_changes_since_return(
    client, focal, secretariat, submitted, complete_answers
):
    services.report_return(user=secretariat, report=submitted, comment="More detail.")
    submitted.refresh_from_db()
    report = services.report_update(
        user=focal,
        report=submitted,
        version=submitted.version,
        content={
            "implementation_level": "completed",
            "actions_taken": "Adopted a law.",
        },
        indicators={**complete_answers, "T.2": "150"},
    )
    services.report_submit(user=focal, report=report, version=report.version)
    client.force_login(secretariat)
    response = client.get(f"/en/review/{submitted.pk}/")
    labels = [change.label for change in response.context["changes"]]
    assert labels == ["Implementation level", "Indicator T.2: Requests received"]
    page = response.content.decode()
    assert "<del>120</del>" in page and "<ins>150</ins>" in page


def test_validate_and_publish_from_review_page(client, secretariat, submitted):
    client.force_login(secretariat)
    response = client.post(
        f"/en/review/{submitted.pk}/",
        {"action": "validate", "validate-publish": "on"},
        follow=True,
    )
    assert "Report validated and published." in response.content.decode()
    submitted.refresh_from_db()
    assert submitted.status == Status.PUBLISHED


# --- The queue opens on what waits for the secretariat now ------------------------


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
