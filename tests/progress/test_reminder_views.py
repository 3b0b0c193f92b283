"""The secretariat's page of the reminders and digests sent."""

from datetime import date

import pytest
from django.utils import timezone

from accounts.models import Participant
from progress.models import Reminder, ReviewDigest

pytestmark = pytest.mark.django_db


def remind(user, participant, cycle, *, days_before_due=7, sent=True):
    return Reminder.objects.create(
        cycle=cycle,
        participant=participant,
        user=user,
        days_before_due=days_before_due,
        missing_count=12,
        sent_at=timezone.now() if sent else None,
    )


def test_the_secretariat_sees_each_sending(
    client, secretariat, focal, participant, cycle, closed_cycle
):
    remind(focal, participant, cycle)
    remind(focal, participant, cycle, days_before_due=-1, sent=False)
    remind(focal, participant, closed_cycle, days_before_due=30)
    ReviewDigest.objects.create(
        day=date(2025, 3, 4), user=secretariat, waiting_count=9, sent_at=timezone.now()
    )
    client.force_login(secretariat)
    page = client.get("/en/review/reminders/").content.decode()
    for text in (
        focal.email,
        "Argentina",
        "Open cycle",
        "7 days before the due date",
        "1 day after the due date",
        "not sent yet",
        "March 4, 2025",
        "3 reminders",
    ):
        assert text in page
    only_open = client.get("/en/review/reminders/", {"cycle": cycle.pk})
    assert only_open.context["page"].paginator.count == 2
    assert (
        client.get("/es/review/reminders/")
        .content.decode()
        .count("7 días antes de la fecha límite")
        == 1
    )


@pytest.mark.parametrize("who", ["focal", "outsider", "observer"])
def test_others_get_404(client, request, who, focal, participant, cycle):
    remind(focal, participant, cycle)
    client.force_login(request.getfixturevalue(who))
    assert client.get("/en/review/reminders/").status_code == 404


def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.get("/en/review/reminders/")
    assert response.status_code == 302
    assert "/en/account/sign-in/" in response["Location"]


def test_reminder_log_query_count_does_not_grow(
    client, secretariat, focal, participant, cycle, django_assert_num_queries
):
    remind(focal, participant, cycle)
    client.force_login(secretariat)
    client.get("/en/review/reminders/")  # the session learns of the device
    # 1. the session; 2. the user; 3. the authenticator that verified the
    # session (django-otp); 4. the cycles of the filter; 5. the count of
    # reminders; 6. the page of them with their cycle, participant and person;
    # 7. the latest digests with their recipient; 8-10. the session saved
    # again, as on every request (savepoint, update, release).
    with django_assert_num_queries(10):
        response = client.get("/en/review/reminders/")
    assert len(response.context["page"]) == 1
    for day, other in enumerate(Participant.objects.exclude(pk=participant.pk)[:30]):
        remind(focal, other, cycle)
        ReviewDigest.objects.create(
            day=date(2025, 3, 1 + day), user=secretariat, waiting_count=2
        )
    with django_assert_num_queries(10):
        response = client.get("/en/review/reminders/")
    assert len(response.context["page"]) == 31


def test_the_review_queue_links_to_the_page(client, secretariat):
    client.force_login(secretariat)
    assert "/en/review/reminders/" in client.get("/en/review/").content.decode()
