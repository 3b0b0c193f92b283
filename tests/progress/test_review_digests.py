"""The secretariat's daily digest of the reports waiting for review."""

import pytest
from django.core import mail

from progress.models import ReviewDigest
from progress.reminders import services
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _portal_url(settings):
    settings.PORTAL_URL = "https://portal.example.org"


def test_no_digest_and_no_record_when_nothing_waits(
    secretariat, participant, cycle_due_in, file_reports
):
    file_reports(
        participant, cycle_due_in(7), {1: "draft", 2: "returned", 3: "validated"}
    )
    assert services.review_digests_queue() == 0
    assert not ReviewDigest.objects.exists()


def test_one_digest_a_day_for_each_of_the_secretariat_who_wants_it(
    secretariat, secretariat2, focal, participant, cycle_due_in, file_reports,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    file_reports(participant, cycle_due_in(7), {1: "submitted", 2: "submitted"})
    UserFactory(is_secretariat=True, reminders_enabled=False)
    UserFactory(is_secretariat=True, is_active=False)
    with django_capture_on_commit_callbacks() as queued:
        assert services.review_digests_queue() == 2
        assert services.review_digests_queue() == 0
    assert len(queued) == 2
    assert set(ReviewDigest.objects.values_list("user_id", "waiting_count")) == {
        (secretariat.pk, 2),
        (secretariat2.pk, 2),
    }


def test_the_digest_lists_each_participant_and_cycle_with_links(
    participant, other_participant, cycle_due_in, file_reports
):
    reviewer = UserFactory(is_secretariat=True, preferred_language="fr")
    cycle = cycle_due_in(7)
    file_reports(participant, cycle, {1: "submitted", 2: "submitted", 3: "draft"})
    file_reports(other_participant, cycle, {1: "submitted", 4: "published"})
    services.review_digests_queue()
    digest = ReviewDigest.objects.get()
    assert services.review_digest_send(digest_id=digest.pk) is True
    assert services.review_digest_send(digest_id=digest.pk) is False
    [message] = mail.outbox
    assert message.to == [reviewer.email]
    assert "3 rapports en attente" in message.subject
    queue = "https://portal.example.org/fr/review/"
    for code in ("ARG", "BRA"):
        link = f"{queue}?cycle={cycle.pk}&participant={code}&status=submitted"
        assert link in message.body
    assert "Argentine, Cycle 2025 : 2 rapports" in message.body.replace("\u202f", " ")
    assert "Brésil, Cycle 2025 : 1 rapport" in message.body.replace("\u202f", " ")
    html, _mimetype = message.alternatives[0]
    assert html.count("<li>") == 2
    digest.refresh_from_db()
    assert digest.sent_at is not None and digest.waiting_count == 3


def test_no_digest_sent_when_the_queue_emptied_before_the_email(
    secretariat, participant, cycle_due_in, file_reports
):
    reports = file_reports(participant, cycle_due_in(7), {1: "submitted"})
    services.review_digests_queue()
    reports[1].status = "validated"
    reports[1].save()
    assert services.review_digest_send(digest_id=ReviewDigest.objects.get().pk) is False
    assert mail.outbox == []
    assert not ReviewDigest.objects.exists()
