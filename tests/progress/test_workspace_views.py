"""The workspace: a participant's page of reports for a cycle, and starting one."""

import pytest

from mandates.models import Mandate
from progress.models import ProgressReport

Status = ProgressReport.Status
pytestmark = pytest.mark.django_db


def test_workspace_lists_57_mandates_with_days_left(
    client, focal, participant, cycle, draft
):
    client.force_login(focal)
    response = client.get(f"/en/workspace/{participant.code}/")
    assert response.status_code == 200
    assert len(response.context["rows"]) == 57
    row = next(r for r in response.context["rows"] if r.report)
    assert row.report == draft
    assert row.completeness < 100
    assert "10 days left" in response.content.decode()


def test_outsider_gets_404_on_other_participants_workspace(
    client, outsider, participant
):
    client.force_login(outsider)
    assert client.get(f"/en/workspace/{participant.code}/").status_code == 404


def test_anonymous_is_sent_to_sign_in_from_the_workspace(client, participant):
    response = client.get(f"/en/workspace/{participant.code}/")
    assert response.status_code == 302
    assert "/en/account/sign-in/" in response["Location"]


def test_workspace_query_count_does_not_grow(
    client,
    focal,
    participant,
    cycle,
    closed_cycle,
    django_assert_num_queries,
    django_assert_max_num_queries,
):
    def add_reports(numbers, on_cycle):
        for number in numbers:
            ProgressReport.objects.create(
                participant=participant,
                mandate=Mandate.objects.get(number=number),
                cycle=on_cycle,
                status=Status.RETURNED,
            )

    client.force_login(focal)
    add_reports([1], cycle)
    client.get(f"/en/workspace/{participant.code}/")  # warm the session
    with django_assert_max_num_queries(50) as one:
        client.get(f"/en/workspace/{participant.code}/")
    add_reports(range(2, 40), cycle)
    add_reports(range(1, 40), closed_cycle)
    with django_assert_num_queries(len(one.captured_queries)):
        response = client.get(f"/en/workspace/{participant.code}/")
    assert sum(1 for row in response.context["rows"] if row.report) == 39


def test_start_button_creates_a_draft(client, focal, participant, cycle, mandate):
    client.force_login(focal)
    response = client.post(
        f"/en/workspace/{participant.code}/cycles/{cycle.pk}/mandates/{mandate.number}/start/"
    )
    report = ProgressReport.objects.get(
        participant=participant, mandate=mandate, cycle=cycle
    )
    assert response["Location"] == f"/en/reports/{report.pk}/edit/"


def test_start_from_last_cycle_is_offered_only_where_there_is_one(
    client, focal, participant, cycle, closed_cycle
):
    ProgressReport.objects.create(
        participant=participant,
        mandate=Mandate.objects.get(number=7),
        cycle=closed_cycle,
    )
    client.force_login(focal)
    rows = client.get(f"/en/workspace/{participant.code}/").context["rows"]
    assert [row.mandate.number for row in rows if row.has_previous] == [7]
