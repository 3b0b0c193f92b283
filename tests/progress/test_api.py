import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from progress.models import ProgressReport

pytestmark = pytest.mark.django_db
Status = ProgressReport.Status
WORKSPACE = "/api/v1/workspace/reports/"


def token_client(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user)}")
    return client


# --- Tokens ---------------------------------------------------------------------------


def test_focal_point_makes_and_revokes_a_token_on_the_page(client, focal, draft):
    client.force_login(focal)
    page = client.post("/en/workspace/api-token/", {"action": "create"})
    key = page.context["new_key"]
    assert key and key in page.content.decode()
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert api.get(WORKSPACE).json()["count"] == 1
    client.post("/en/workspace/api-token/", {"action": "revoke"})
    assert api.get(WORKSPACE).status_code == 401


def test_token_page_needs_sign_in(client):
    assert client.get("/en/workspace/api-token/").status_code == 302


def test_workspace_needs_credentials(draft):
    response = APIClient().get(WORKSPACE)
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"


# --- Focal points' drafts -------------------------------------------------------------


def test_focal_point_reads_own_drafts(focal, draft):
    data = token_client(focal).get(WORKSPACE).json()
    assert [r["id"] for r in data["results"]] == [draft.pk]
    assert data["results"][0]["status"] == "draft"
    assert data["results"][0]["version"] == 1


def test_outsider_token_cannot_touch_another_participants_draft(outsider, draft):
    api = token_client(outsider)
    url = f"{WORKSPACE}{draft.pk}/"
    assert api.get(WORKSPACE).json()["count"] == 0
    assert api.get(url).status_code == 404
    change = {"version": 1, "actions_taken": "Overwritten by an outsider"}
    assert api.patch(url, change, format="json").status_code == 404
    assert api.post(f"{url}submit/", {"version": 1}, format="json").status_code == 404
    draft.refresh_from_db()
    assert draft.version == 1
    assert draft.actions_taken == ""


def test_secretariat_token_sees_no_draft_in_the_workspace(secretariat, draft):
    api = token_client(secretariat)
    assert api.get(f"{WORKSPACE}{draft.pk}/").status_code == 404


def test_observer_reads_but_may_not_write(observer, draft):
    api = token_client(observer)
    url = f"{WORKSPACE}{draft.pk}/"
    assert api.get(url).status_code == 200
    response = api.patch(url, {"version": 1, "results": "x"}, format="json")
    assert response.status_code == 403
    assert "Only a focal point" in response.json()["detail"]
    start = {"participant": "ARG", "mandate": 1, "cycle": draft.cycle_id}
    assert api.post(WORKSPACE, start, format="json").status_code == 403


def test_focal_point_saves_a_draft_like_the_form(focal, draft, complete_answers):
    api = token_client(focal)
    response = api.patch(
        f"{WORKSPACE}{draft.pk}/",
        {
            "version": 1,
            "implementation_level": "advanced",
            "actions_taken": "Adopted a law.",
            "indicator_values": complete_answers,
        },
        format="json",
    )
    assert response.status_code == 200, response.json()
    data = response.json()
    assert data["version"] == 2
    assert data["indicator_values"]["T.2"] == 120
    assert data["indicator_values"]["T.1"] is True
    draft.refresh_from_db()
    assert draft.history.first().history_user == focal
    # Leaving indicator_values out keeps the answers saved before.
    again = api.patch(f"{WORKSPACE}{draft.pk}/", {"version": 2, "results": "Fewer"})
    assert again.json()["indicator_values"]["T.5"] == "Law 27.275"


def test_stale_version_is_refused_with_409_and_nothing_changes(focal, draft):
    api = token_client(focal)
    url = f"{WORKSPACE}{draft.pk}/"
    assert api.patch(url, {"version": 1, "results": "First"}).status_code == 200
    response = api.patch(url, {"version": 1, "results": "Second"})
    assert response.status_code == 409
    assert response.json()["version"] == 2
    draft.refresh_from_db()
    assert draft.results == "First"


def test_invalid_answers_are_400_by_indicator_code(focal, draft):
    api = token_client(focal)
    url = f"{WORKSPACE}{draft.pk}/"
    bad = api.patch(
        url, {"version": 1, "indicator_values": {"T.3": 140}}, format="json"
    )
    assert bad.status_code == 400
    assert "T.3" in bad.json()
    unknown = api.patch(
        url, {"version": 1, "indicator_values": {"Z.9": 1}}, format="json"
    )
    assert unknown.status_code == 400
    assert "Z.9" in unknown.json()
    needs_words = api.patch(url, {"version": 1, "assistance_type": "training"})
    assert needs_words.status_code == 400
    assert "assistance_description" in needs_words.json()
    draft.refresh_from_db()
    assert draft.version == 1


def test_start_and_submit_through_the_api(focal, mandate, cycle, complete_answers):
    api = token_client(focal)
    start = {"participant": "ARG", "mandate": mandate.number, "cycle": cycle.pk}
    created = api.post(WORKSPACE, start, format="json")
    assert created.status_code == 201
    report = created.json()
    again = api.post(WORKSPACE, start, format="json")
    assert (again.status_code, again.json()["id"]) == (200, report["id"])
    url = f"{WORKSPACE}{report['id']}/"
    incomplete = api.post(f"{url}submit/", {"version": 1}, format="json")
    assert incomplete.status_code == 400
    api.patch(
        url,
        {
            "version": 1,
            "implementation_level": "completed",
            "actions_taken": "Done.",
            "indicator_values": complete_answers,
        },
        format="json",
    )
    submitted = api.post(f"{url}submit/", {"version": 2}, format="json")
    assert submitted.status_code == 200
    assert submitted.json()["status"] == "submitted"
    refused = api.patch(url, {"version": 2, "results": "Late change"})
    assert refused.status_code == 403


def test_no_draft_in_a_closed_cycle(focal, mandate, closed_cycle):
    start = {"participant": "ARG", "mandate": mandate.number, "cycle": closed_cycle.pk}
    assert token_client(focal).post(WORKSPACE, start).status_code == 403


def test_put_and_delete_are_not_offered(focal, draft):
    api = token_client(focal)
    url = f"{WORKSPACE}{draft.pk}/"
    assert api.put(url, {"version": 1}).status_code == 405
    assert api.delete(url).status_code == 405


# --- Query count ----------------------------------------------------------------------


def test_workspace_list_query_count_does_not_grow(
    focal, draft, other_participant, cycle, closed_cycle, django_assert_num_queries
):
    from mandates.models import Mandate
    from tests.factories import MembershipFactory, ProgressReportFactory

    api = token_client(focal)
    # 1. the lock-out's failures from this client address (django-axes); 2. the
    # token with its user (one join); 3. the count of the reports of the
    # person's participants; 4. the page of them with their participant, mandate
    # with its section, and cycle (joins).
    with django_assert_num_queries(4):
        assert api.get(WORKSPACE).json()["count"] == 1
    MembershipFactory(user=focal, participant=other_participant)
    for mandate in Mandate.objects.filter(number__lte=20):
        for participant in (draft.participant, other_participant):
            ProgressReportFactory(
                participant=participant, mandate=mandate, cycle=closed_cycle
            )
        ProgressReportFactory(
            participant=other_participant, mandate=mandate, cycle=cycle, status="draft"
        )
    with django_assert_num_queries(4):
        assert api.get(WORKSPACE).json()["count"] == 61
