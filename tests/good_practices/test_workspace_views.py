"""Focal points propose, edit and submit; the secretariat's moderation."""

import pytest

from good_practices.models import Contribution, GoodPractice
from mandates.models import Mandate

from ..factories import CapacityFactory, GoodPracticeFactory

pytestmark = pytest.mark.django_db


def practice_form(**changes) -> dict:
    data = {
        "participant": "",
        "title": "Open budget",
        "summary": "A budget citizens can read.",
        "description": "We published the budget.",
        "institution": "Ministry of Finance",
        "start_year": "2020",
        "end_year": "",
        "results": "Questions doubled.",
        "contact_name": "",
        "contact_email": "",
        "language": "en",
        "mandates": [str(Mandate.objects.get(number=14).pk)],
    }
    return data | changes


# --- Who may edit -------------------------------------------------------------------


def test_anonymous_and_outsider_get_404_on_an_unpublished_practice(client, outsider):
    draft = GoodPracticeFactory(status="submitted")
    assert client.get(f"/en/good-practices/{draft.pk}/").status_code == 404
    client.force_login(outsider)
    assert client.get(f"/en/good-practices/{draft.pk}/").status_code == 404
    assert client.get(f"/en/good-practices/{draft.pk}/edit/").status_code == 404
    response = client.post(f"/en/good-practices/{draft.pk}/edit/", practice_form())
    assert response.status_code == 404
    assert client.post(f"/en/contributions/{draft.pk}/submit/").status_code == 404


def test_outsider_cannot_edit_a_published_practice_either(client, outsider):
    practice = GoodPracticeFactory()
    client.force_login(outsider)
    assert client.get(f"/en/good-practices/{practice.pk}/").status_code == 200
    assert client.get(f"/en/good-practices/{practice.pk}/edit/").status_code == 404


def test_observer_sees_the_draft_but_is_refused_editing(client, observer):
    draft = GoodPracticeFactory(status="draft", published_at=None)
    client.force_login(observer)
    assert client.get(f"/en/good-practices/{draft.pk}/").status_code == 200
    response = client.post(
        f"/en/good-practices/{draft.pk}/edit/", practice_form(version="1")
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.title != "Open budget"
    assert client.post(f"/en/contributions/{draft.pk}/submit/").status_code == 403


# --- Proposing and deciding ----------------------------------------------------------


def test_focal_point_proposes_edits_and_submits_a_practice(client, focal, participant):
    client.force_login(focal)
    response = client.post(
        "/en/good-practices/propose/", practice_form(participant=participant.pk)
    )
    practice = GoodPractice.objects.get(title="Open budget")
    assert response["Location"] == f"/en/good-practices/{practice.pk}/edit/"
    assert practice.participant == participant and practice.status == "draft"
    response = client.post(
        f"/en/good-practices/{practice.pk}/edit/",
        practice_form(version="1", title="Open budget 2", submit="1"),
    )
    practice.refresh_from_db()
    assert (practice.title, practice.status, practice.version) == (
        "Open budget 2",
        "submitted",
        2,
    )


def test_proposal_with_errors_shows_the_error_summary(client, focal, participant):
    client.force_login(focal)
    response = client.post(
        "/en/good-practices/propose/",
        practice_form(participant=participant.pk, title="", mandates=[]),
    )
    page = response.content.decode()
    assert 'class="error-summary"' in page
    assert '<a href="#id_mandates">' in page
    assert not GoodPractice.objects.exists()


def test_stale_edit_is_refused_with_409_and_the_newer_content(client, focal):
    draft = GoodPracticeFactory(status="draft", published_at=None, version=3)
    client.force_login(focal)
    response = client.post(
        f"/en/good-practices/{draft.pk}/edit/", practice_form(version="2")
    )
    assert response.status_code == 409
    assert (
        "Someone else saved this while you were editing it" in response.content.decode()
    )
    draft.refresh_from_db()
    assert draft.version == 3


def test_a_focal_point_cannot_propose_for_another_participant(
    client, focal, other_participant
):
    client.force_login(focal)
    response = client.post(
        "/en/good-practices/propose/", practice_form(participant=other_participant.pk)
    )
    assert response.status_code == 200
    assert not GoodPractice.objects.exists()


def test_observer_and_secretariat_cannot_open_the_proposal_form(
    client, observer, secretariat
):
    for user in (observer, secretariat):
        client.force_login(user)
        assert client.get("/en/good-practices/propose/").status_code == 403


def test_secretariat_publishes_and_declines_from_the_page(client, secretariat, focal):
    first = GoodPracticeFactory(status="submitted", published_at=None)
    second = CapacityFactory(status="submitted", published_at=None)
    client.force_login(secretariat)
    queue = client.get("/en/good-practices/moderation/").content.decode()
    assert first.title in queue and second.title in queue
    client.post(f"/en/contributions/{first.pk}/decide/", {"action": "publish"})
    client.post(
        f"/en/contributions/{second.pk}/decide/",
        {"action": "decline", "reason": "Say who can ask for it."},
    )
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == "published"
    assert (second.status, second.decline_reason) == (
        "declined",
        "Say who can ask for it.",
    )


def test_the_author_sees_the_decision_and_the_reason_in_their_list(
    client, focal, secretariat
):
    GoodPracticeFactory(
        title="Declined one", status="declined", published_at=None,
        decline_reason="Add the evaluation.", decided_by=secretariat,
    )  # fmt: skip
    CapacityFactory(title="Someone else's")  # of the OAS
    client.force_login(focal)
    page = client.get("/en/good-practices/mine/").content.decode()
    assert "Declined one" in page and "Add the evaluation." in page
    assert "Someone else&#x27;s" not in page


def test_moderation_queue_and_decisions_are_404_for_focal_points(client, focal):
    record = GoodPracticeFactory(status="submitted", published_at=None)
    client.force_login(focal)
    assert client.get("/en/good-practices/moderation/").status_code == 404
    response = client.post(
        f"/en/contributions/{record.pk}/decide/", {"action": "publish"}
    )
    assert response.status_code == 404
    assert Contribution.objects.get(pk=record.pk).status == "submitted"


def test_focal_point_offers_a_capacity_with_its_coverage(client, focal, participant):
    client.force_login(focal)
    data = {
        "participant": participant.pk,
        "title": "Curso de auditoría",
        "summary": "Un curso.",
        "description": "Seis semanas.",
        "support_type": "training",
        "languages_offered": ["es", "pt"],
        "how_to_request": "Escríbanos.",
        "contact_email": "",
        "language": "es",
        "mandates": [str(Mandate.objects.get(number=15).pk)],
    }
    response = client.post("/en/capacities/propose/", data)
    assert "Say which sub-regions or countries it covers." in response.content.decode()
    response = client.post(
        "/en/capacities/propose/", data | {"subregions": ["southern_cone"]}
    )
    capacity = Contribution.objects.get(title="Curso de auditoría").specific
    assert response["Location"] == f"/en/capacities/{capacity.pk}/edit/"
    assert (capacity.subregions, capacity.languages_offered) == (
        ["southern_cone"],
        ["es", "pt"],
    )


# --- Query counts of the lists -------------------------------------------------------


def contributions(participant, secretariat, focal, statuses):
    """Practices and capacities of the participant, one in each of these statuses
    (unpublished ones: draft, submitted or declined)."""
    for index, status in enumerate(statuses):
        factory = GoodPracticeFactory if index % 2 else CapacityFactory
        declined = status == "declined"
        factory(
            participant=participant,
            status=status,
            published_at=None,
            submitted_by=focal,
            decided_by=secretariat if declined else None,
            decline_reason="Add the figures." if declined else "",
        )


def test_own_contributions_list_query_count_does_not_grow(
    client, focal, secretariat, participant, django_assert_num_queries
):
    client.force_login(focal)
    client.get("/en/good-practices/mine/")  # the session learns there is no device
    # 1. the session; 2. the user (a focal point without an authenticator: no
    # device to check); 3. the count of the participant's contributions;
    # 4. whether the person may propose (a participant they are a focal point of);
    # 5. the page of contributions with their participant and who decided;
    # 6-8. the session saved again, as on every request (savepoint, update, release).
    contributions(participant, secretariat, focal, ["declined"])
    with django_assert_num_queries(8):
        response = client.get("/en/good-practices/mine/")
    assert len(response.context["page"]) == 1
    contributions(
        participant, secretariat, focal, ["draft", "submitted", "declined"] * 7
    )
    with django_assert_num_queries(8):
        response = client.get("/en/good-practices/mine/")
    assert len(response.context["page"]) == 22


def test_moderation_queue_query_count_does_not_grow(
    client,
    focal,
    secretariat,
    participant,
    other_participant,
    django_assert_num_queries,
):
    client.force_login(secretariat)
    # 1. the session; 2. the user; 3. the authenticator that verified the session
    # (django-otp); 4. the count of submitted contributions; 5. the page of them
    # with their participant and who submitted them; 6-8. the session saved
    # again, as on every request (savepoint, update, release).
    contributions(participant, secretariat, focal, ["submitted"])
    with django_assert_num_queries(8):
        response = client.get("/en/good-practices/moderation/")
    assert len(response.context["page"]) == 1
    contributions(participant, secretariat, focal, ["submitted"] * 10)
    contributions(other_participant, secretariat, focal, ["submitted"] * 10)
    with django_assert_num_queries(8):
        response = client.get("/en/good-practices/moderation/")
    assert len(response.context["page"]) == 21
