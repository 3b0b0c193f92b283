import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from good_practices.models import Contribution, GoodPractice
from mandates.models import Mandate

from ..factories import CapacityFactory, GoodPracticeFactory

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


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


# --- Search page ---------------------------------------------------------------------


def test_search_page_shows_results_facets_and_keeps_state_in_the_url(client):
    GoodPracticeFactory(title="Open contracting portal", language="en")
    CapacityFactory(title="Open contracting course", language="en")
    response = client.get(
        "/en/good-practices/", {"q": "contracting", "kind": "capacity"}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Open contracting course" in page
    assert "Open contracting portal" not in page
    assert "1 result for “contracting”" in page
    # The kind facet still offers practices, with its count, as a shareable link.
    assert "?q=contracting&amp;kind=capacity&amp;kind=practice" in page
    assert 'name="kind" value="capacity"' in page  # kept on a new search


def test_search_page_in_spanish_interface(client):
    GoodPracticeFactory(title="Denuncias anónimas", language="es")
    response = client.get("/es/good-practices/", {"q": "denuncias anonimas"})
    assert "Denuncias anónimas" in response.content.decode()


def test_search_page_query_count_does_not_grow_with_the_data(
    client, django_assert_max_num_queries, participant, other_participant
):
    GoodPracticeFactory(title="Integrity pacts")
    with django_assert_max_num_queries(14) as one:
        client.get("/en/good-practices/", {"q": "integrity", "language": "en"})
    for index in range(30):
        factory = GoodPracticeFactory if index % 2 else CapacityFactory
        factory(
            title=f"Integrity pacts {index}",
            participant=participant if index % 3 else other_participant,
            mandates=[10 + index % 5, 2],
            language="en",
        )
    with django_assert_max_num_queries(len(one.captured_queries)):
        response = client.get(
            "/en/good-practices/", {"q": "integrity", "language": "en"}
        )
    assert len(response.context["page"].object_list) == 20
    with django_assert_max_num_queries(len(one.captured_queries)):
        client.get("/en/good-practices/")


def test_page_beyond_the_last_shows_the_last(client):
    GoodPracticeFactory()
    assert client.get("/en/good-practices/", {"page": "99"}).status_code == 200


# --- Detail pages --------------------------------------------------------------------


def test_practice_page_shows_related_practices_and_capacities(client):
    practice = GoodPracticeFactory(title="Asset declarations", mandates=[10])
    GoodPracticeFactory(title="Conflict of interest rules", mandates=[10, 11])
    CapacityFactory(title="Asset declaration training", mandates=[10])
    CapacityFactory(title="Judges exchange", mandates=[2])
    page = client.get(f"/en/good-practices/{practice.pk}/").content.decode()
    assert "Conflict of interest rules" in page
    assert "Asset declaration training" in page
    assert "Judges exchange" not in page


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


def test_capacity_page_lists_the_needs_it_could_meet(client, make_need, participant):
    mandate = Mandate.objects.get(number=10)
    make_need(participant, mandate, text="Training on asset declarations.")
    capacity = CapacityFactory(mandates=[10])
    page = client.get(f"/en/capacities/{capacity.pk}/").content.decode()
    assert "Argentina, mandate 10" in page


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


def test_files_of_a_draft_are_for_members_only(client, focal, outsider, media):
    draft = GoodPracticeFactory(status="draft", published_at=None)
    client.force_login(focal)
    client.post(
        f"/en/good-practices/{draft.pk}/files/",
        {"title": "Evaluation", "upload": SimpleUploadedFile("e.pdf", PDF)},
    )
    item = draft.attachments.get()
    url = f"/en/good-practices/{draft.pk}/files/{item.pk}/"
    assert client.get(url).status_code == 200
    client.force_login(outsider)
    assert client.get(url).status_code == 404


# --- Cooperation ---------------------------------------------------------------------


def test_needs_page_is_public_and_shows_published_needs_only(
    client, make_need, participant, other_participant, django_assert_max_num_queries
):
    mandate = Mandate.objects.get(number=10)
    make_need(participant, mandate, text="Published need on declarations.")
    make_need(other_participant, mandate, status="draft", text="Private need.")
    CapacityFactory(title="Declarations course", mandates=[10])
    with django_assert_max_num_queries(8) as one:
        page = client.get("/en/cooperation/needs/").content.decode()
    assert "Published need on declarations." in page
    assert "Declarations course" in page
    assert "Private need." not in page
    for number in range(11, 20):
        make_need(participant, Mandate.objects.get(number=number))
        CapacityFactory(mandates=[number])
    with django_assert_max_num_queries(len(one.captured_queries)):
        client.get("/en/cooperation/needs/")


def test_secretariat_records_an_initiative_from_the_need_page(
    client, secretariat, make_need, participant
):
    need = make_need(participant, Mandate.objects.get(number=10))
    capacity = CapacityFactory(mandates=[10])
    client.force_login(secretariat)
    page = client.get(f"/en/cooperation/needs/{need.pk}/").content.decode()
    assert capacity.title in page
    client.post(
        f"/en/cooperation/needs/{need.pk}/initiatives/", {"capacity": capacity.pk}
    )
    initiative = need.cooperation_initiatives.get()
    client.post(f"/en/cooperation/initiatives/{initiative.pk}/", {"status": "agreed"})
    initiative.refresh_from_db()
    assert initiative.status == "agreed"
    client.logout()
    public = client.get("/en/cooperation/").content.decode()
    assert capacity.title in public and "Agreed" in public


def test_focal_point_cannot_record_initiatives(client, focal, make_need, participant):
    need = make_need(participant, Mandate.objects.get(number=10))
    client.force_login(focal)
    response = client.post(
        f"/en/cooperation/needs/{need.pk}/initiatives/",
        {"capacity": CapacityFactory().pk},
    )
    assert response.status_code == 404


def test_need_of_an_unpublished_report_is_404_for_the_public(
    client, make_need, participant
):
    need = make_need(participant, Mandate.objects.get(number=10), status="submitted")
    assert client.get(f"/en/cooperation/needs/{need.pk}/").status_code == 404


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


def test_search_results_download_holds_what_the_page_shows(client, participant):
    import csv
    import io

    from tests.factories import CapacityFactory, GoodPracticeFactory

    GoodPracticeFactory(title="Asset declarations online", mandates=[10])
    GoodPracticeFactory(title="Asset declarations of judges", mandates=[2])
    GoodPracticeFactory(title="Declarations in draft", status="draft", mandates=[10])
    CapacityFactory(title="Course on asset declarations", mandates=[10])
    query = {"q": "asset declarations", "mandate": "10"}
    page = client.get("/en/good-practices/", query)
    shown = [record.pk for record in page.context["page"]]
    assert len(shown) == 2
    link = "/en/good-practices/results.csv?q=asset+declarations&mandate=10"
    assert link.replace("&", "&amp;") in page.content.decode()
    response = client.get(link)
    rows = list(
        csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode()))
    )
    assert [int(row["id"]) for row in rows] == shown
    assert {row["kind"] for row in rows} == {"practice", "capacity"}
    assert all(row["title"] != "Declarations in draft" for row in rows)
    assert client.get("/en/good-practices/results.pdf").status_code == 404
