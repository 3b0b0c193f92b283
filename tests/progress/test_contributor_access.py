"""What a contributor may see and change: the reports of their mandates only.

The `contributor` fixture contributes to Argentina's mandates 40 (the `draft`'s)
and 1; `every_status` holds Argentina's reports on mandates 1 (draft), 2
(submitted), 3 (returned), 4 (validated) and 5 (published).
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from mandates.models import Mandate
from progress import history, services
from progress.models import Evidence, ProgressReport

from ..factories import GoodPracticeFactory
from .test_report_views import PDF, form_data

Status = ProgressReport.Status
pytestmark = pytest.mark.django_db
WORKSPACE_API = "/api/v1/workspace/reports/"


def token_client(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user)}")
    return client


def private_evidence(report, title="Internal memo"):
    return Evidence.objects.create(
        report=report, title=title, url="https://example.org/memo", is_public=False
    )


# --- Their mandates ------------------------------------------------------------------


def test_contributor_edits_a_draft_of_their_mandate_and_the_history_names_them(
    client, contributor, draft
):
    client.force_login(contributor)
    response = client.post(
        f"/en/reports/{draft.pk}/edit/", form_data(draft, {"T.2": "12"}), follow=True
    )
    assert "Draft saved (version 2)." in response.content.decode()
    draft.refresh_from_db()
    assert draft.updated_by == contributor
    newest = history.version_history(draft)[0]
    assert (newest.number, newest.author) == (2, contributor)
    page = client.get(f"/en/reports/{draft.pk}/").content.decode()
    assert contributor.full_name in page


def test_contributor_never_sees_a_submit_button_and_cannot_submit(
    client, contributor, draft, complete_answers
):
    client.force_login(contributor)
    complete = form_data(draft, complete_answers)
    client.post(f"/en/reports/{draft.pk}/edit/", complete)
    draft.refresh_from_db()
    form_page = client.get(f"/en/reports/{draft.pk}/edit/").content.decode()
    assert "Save and submit to the secretariat" not in form_page
    assert "a focal point of Argentina can submit it" in form_page
    detail = client.get(f"/en/reports/{draft.pk}/").content.decode()
    assert "Submit to the secretariat" not in detail
    refused = client.post(
        f"/en/reports/{draft.pk}/edit/",
        {**form_data(draft, complete_answers), "submit": "1"},
        follow=True,
    )
    assert "Only a focal point of Argentina submits its reports" in (
        refused.content.decode()
    )
    draft.refresh_from_db()
    direct = client.post(
        f"/en/reports/{draft.pk}/submit/", {"version": draft.version}, follow=True
    )
    assert "Only a focal point of Argentina submits" in direct.content.decode()
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT


def test_the_focal_point_submits_what_the_contributor_wrote(
    client, contributor, focal, draft, complete_answers
):
    report = services.report_update(
        user=contributor,
        report=draft,
        version=draft.version,
        content={"implementation_level": "advanced", "actions_taken": "A law."},
        indicators=complete_answers,
    )
    client.force_login(focal)
    assert (
        "Save and submit"
        in client.get(f"/en/reports/{report.pk}/edit/").content.decode()
    )
    services.report_submit(user=focal, report=report, version=report.version)
    report.refresh_from_db()
    assert report.status == Status.SUBMITTED and report.submitted_by == focal


def test_contributor_adds_and_removes_evidence_on_their_mandate(
    client, contributor, draft, media
):
    client.force_login(contributor)
    response = client.post(
        f"/en/reports/{draft.pk}/evidence/",
        {"title": "Law text", "upload": SimpleUploadedFile("law.pdf", PDF)},
        follow=True,
    )
    assert "Evidence “Law text” added." in response.content.decode()
    item = draft.evidence.get()
    assert client.get(f"/en/reports/{draft.pk}/evidence/{item.pk}/").status_code == 200
    client.post(f"/en/reports/{draft.pk}/evidence/{item.pk}/remove/")
    assert not draft.evidence.exists()


def test_contributor_starts_a_report_on_their_mandate_only(
    client, contributor, participant, cycle
):
    client.force_login(contributor)
    start = f"/en/workspace/ARG/cycles/{cycle.pk}/mandates/%s/start/"
    assert client.post(start % 1).status_code == 302
    refused = client.post(start % 2, follow=True)
    assert "Only a focal point of Argentina" in refused.content.decode()
    started = ProgressReport.objects.filter(participant=participant, cycle=cycle)
    assert list(started.values_list("mandate__number", flat=True)) == [1]


def test_contributor_edits_a_returned_report_of_their_mandate(
    client, contributor, submitted, secretariat
):
    services.report_return(user=secretariat, report=submitted, comment="Add a law.")
    client.force_login(contributor)
    workspace = client.get("/en/workspace/ARG/")
    assert [r.mandate.number for r in workspace.context["returned"]] == [40]
    page = client.get(f"/en/reports/{submitted.pk}/edit/")
    assert page.status_code == 200 and "Add a law." in page.content.decode()


def test_closed_cycle_stops_contributors_too(
    client, contributor, participant, mandate, closed_cycle
):
    report = ProgressReport.objects.create(
        participant=participant, mandate=mandate, cycle=closed_cycle
    )
    client.force_login(contributor)
    response = client.post(
        f"/en/reports/{report.pk}/edit/", form_data(report), follow=True
    )
    assert "is closed" in response.content.decode()
    report.refresh_from_db()
    assert report.version == 1


# --- Everything else of the participant ----------------------------------------------


def test_reports_of_other_mandates_are_404_unless_published(
    client, contributor, every_status
):
    """A report of the participant on a mandate not given to the contributor is
    private of the participant: 404, as for an outsider; a published one is
    shown as to the public, without its history or private evidence."""
    client.force_login(contributor)
    for status in (Status.SUBMITTED, Status.RETURNED, Status.VALIDATED):
        report = every_status[status]
        for url in (f"/en/reports/{report.pk}/", f"/en/reports/{report.pk}/edit/"):
            assert client.get(url).status_code == 404, (status, url)
        assert client.post(f"/en/reports/{report.pk}/evidence/").status_code == 404
    published = every_status[Status.PUBLISHED]
    hidden = private_evidence(published)
    page = client.get(f"/en/reports/{published.pk}/")
    assert page.status_code == 200
    assert not page.context["private"]
    assert hidden.title not in page.content.decode()
    url = f"/en/reports/{published.pk}/evidence/{hidden.pk}/"
    assert client.get(url).status_code == 404
    own = every_status[Status.DRAFT]
    assert client.get(f"/en/reports/{own.pk}/").context["private"]


def test_workspace_shows_only_the_contributors_mandates(
    client, contributor, every_status
):
    client.force_login(contributor)
    response = client.get("/en/workspace/ARG/")
    assert [row.mandate.number for row in response.context["rows"]] == [1, 40]
    assert [row.report for row in response.context["rows"]] == [
        every_status[Status.DRAFT],
        None,
    ]
    assert list(response.context["returned"]) == []
    page = response.content.decode()
    assert "Your mandates" in page and "a focal point submits them" in page
    assert "/contributors/" not in page


def test_workspace_index_leads_a_contributor_to_their_participant(client, contributor):
    client.force_login(contributor)
    response = client.get("/en/workspace/")
    assert response.status_code == 302
    assert response["Location"] == "/en/workspace/ARG/"


def test_token_api_gives_a_contributor_the_reports_of_their_mandates(
    contributor, every_status, draft
):
    api = token_client(contributor)
    listed = api.get(WORKSPACE_API).json()["results"]
    assert sorted(r["mandate"] for r in listed) == [1, 40]
    other = every_status[Status.RETURNED]
    assert api.get(f"{WORKSPACE_API}{other.pk}/").status_code == 404
    change = {"version": 1, "actions_taken": "Written by a contributor."}
    assert (
        api.patch(f"{WORKSPACE_API}{other.pk}/", change, format="json").status_code
        == 404
    )
    saved = api.patch(f"{WORKSPACE_API}{draft.pk}/", change, format="json")
    assert saved.status_code == 200 and saved.json()["version"] == 2
    submit = api.post(f"{WORKSPACE_API}{draft.pk}/submit/", {"version": 2})
    assert submit.status_code == 403
    assert "Only a focal point" in submit.json()["detail"]
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT


def test_token_api_starts_reports_on_a_contributors_mandates_only(contributor, cycle):
    api = token_client(contributor)
    start = {"participant": "ARG", "cycle": cycle.pk}
    assert api.post(WORKSPACE_API, {**start, "mandate": 1}).status_code == 201
    assert api.post(WORKSPACE_API, {**start, "mandate": 2}).status_code == 403
    assert ProgressReport.objects.filter(cycle=cycle).count() == 1


def test_good_practice_drafts_of_the_participant_stay_hidden(client, contributor):
    draft = GoodPracticeFactory(status="draft", title="Unpublished practice")
    client.force_login(contributor)
    assert client.get(f"/en/good-practices/{draft.pk}/").status_code == 404
    assert client.get(f"/en/good-practices/{draft.pk}/edit/").status_code == 404
    mine = client.get("/en/good-practices/mine/").content.decode()
    assert "Unpublished practice" not in mine
    assert client.get("/en/good-practices/propose/").status_code == 403


def test_needs_of_other_mandates_stay_hidden(
    client, contributor, make_need, participant
):
    own = make_need(
        participant, Mandate.objects.get(number=1), status="draft", text="Need on one."
    )
    other = make_need(
        participant, Mandate.objects.get(number=2), status="draft", text="Need on two."
    )
    client.force_login(contributor)
    page = client.get("/en/cooperation/needs/").content.decode()
    assert "Need on one." in page and "Need on two." not in page
    assert client.get(f"/en/cooperation/needs/{own.pk}/").status_code == 200
    assert client.get(f"/en/cooperation/needs/{other.pk}/").status_code == 404


def test_review_pages_are_404_for_contributors(client, contributor, submitted):
    client.force_login(contributor)
    for url in (
        "/en/review/",
        f"/en/review/{submitted.pk}/",
        "/en/review/contributors/",
    ):
        assert client.get(url).status_code == 404, url


def test_the_contributors_page_is_not_for_contributors(client, contributor):
    client.force_login(contributor)
    assert client.get("/en/workspace/ARG/contributors/").status_code == 404


def test_a_contributor_of_one_participant_is_an_outsider_to_another(
    client, contributor, other_participant, cycle
):
    report = ProgressReport.objects.create(
        participant=other_participant,
        mandate=Mandate.objects.get(number=1),
        cycle=cycle,
    )
    client.force_login(contributor)
    assert client.get(f"/en/workspace/{other_participant.code}/").status_code == 404
    assert client.get(f"/en/reports/{report.pk}/").status_code == 404
