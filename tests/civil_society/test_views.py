"""The civil-society pages: each step as a person takes it, who is refused,
and the query counts of the list pages."""

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from civil_society.models import Member, Observation, Organisation, Reply
from mandates.models import Mandate
from tests.factories import MembershipFactory

from . import helpers

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_an_organisation_applies_without_an_account(client, participant):
    page = client.get("/en/civil-society/apply/")
    assert "We write about facts we can show" in page.content.decode()  # the code
    data = {
        "name": "Poder Ciudadano",
        "scope": participant.pk,
        "website": "poderciudadano.example.org",
        "contact_name": "Ana",
        "contact_email": "Ana@PoderCiudadano.example.org",
        "description": "Follows procurement.",
    }
    refused = client.post("/en/civil-society/apply/", data)
    assert refused.status_code == 400
    assert "organisations agree to the code of conduct" in refused.content.decode()
    assert not Organisation.objects.exists()
    response = client.post(
        "/en/civil-society/apply/", data | {"accepted_code_of_conduct": "on"}
    )
    assert response.status_code == 302
    organisation = Organisation.objects.get()
    assert organisation.scope == participant
    assert organisation.website == "https://poderciudadano.example.org"
    assert organisation.contact_email == "ana@poderciudadano.example.org"
    assert organisation.status == Organisation.Status.APPLIED


def test_the_spanish_form_is_in_spanish_and_records_the_language(client):
    page = client.get("/es/civil-society/apply/").content.decode()
    assert "Código de conducta" in page
    client.post(
        "/es/civil-society/apply/",
        {
            "name": "Ojo Ciudadano",
            "website": "https://ojo.example.org",
            "contact_name": "Luis",
            "contact_email": "luis@ojo.example.org",
            "description": "Vigila.",
            "accepted_code_of_conduct": "on",
        },
    )
    assert Organisation.objects.get().language == "es"


def test_the_secretariat_approves_an_application(client, secretariat):
    organisation = helpers.apply()
    client.force_login(secretariat)
    listed = client.get("/en/civil-society/applications/")
    assert organisation.name in listed.content.decode()
    response = client.post(
        f"/en/civil-society/applications/{organisation.pk}/", {"action": "approve"}
    )
    assert response.status_code == 302
    organisation.refresh_from_db()
    assert organisation.status == Organisation.Status.APPROVED
    assert organisation.invitations.get().email == organisation.contact_email


def test_declining_without_a_reason_is_refused_beside_the_field(client, secretariat):
    organisation = helpers.apply()
    client.force_login(secretariat)
    url = f"/en/civil-society/applications/{organisation.pk}/"
    response = client.post(url, {"action": "decline", "reason": ""})
    assert response.status_code == 400
    assert 'id="id_reason_errors"' in response.content.decode()
    organisation.refresh_from_db()
    assert organisation.status == Organisation.Status.APPLIED
    client.post(url, {"action": "decline", "reason": "No statutes."})
    organisation.refresh_from_db()
    assert organisation.decline_reason == "No statutes."


def test_the_invited_contact_person_makes_an_account_and_lands_on_the_workspace(
    client, secretariat
):
    organisation = helpers.apply()
    from civil_society import services

    invitation = services.organisation_approve(
        user=secretariat, organisation=organisation
    )
    helpers.known_link(invitation, "the-secret")
    url = f"/en/civil-society/invitations/{invitation.pk}/the-secret/"
    assert client.get(url).status_code == 200
    assert client.get(url.replace("the-secret", "wrong")).status_code == 404
    response = client.post(
        url,
        {
            "full_name": "Ana Contact",
            "password1": "a long enough password",
            "password2": "a long enough password",
            "agree": "on",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == "/en/civil-society/workspace/"
    assert Member.objects.get(organisation=organisation).user.full_name == "Ana Contact"
    assert client.get(url).status_code == 410  # used once


def test_a_member_writes_a_draft_adds_a_source_and_submits(
    client, member, participant, cycle, media
):
    client.force_login(member)
    mandate = Mandate.objects.get(number=40)
    content = {"assessment": "initial", "text": "No regulation yet.", "language": "pt"}
    response = client.post(
        "/en/observations/new/",
        {"participant": participant.pk, "mandate": mandate.pk, "cycle": cycle.pk}
        | content,
    )
    observation = Observation.objects.get()
    assert response["Location"] == f"/en/observations/{observation.pk}/edit/"
    edit = client.get(response["Location"]).content.decode()
    assert "Up to 6,000 characters." in edit  # the limit beside the field
    client.post(
        f"/en/observations/{observation.pk}/files/",
        {"title": "Gazette", "upload": SimpleUploadedFile("g.pdf", PDF)},
    )
    assert observation.documents.get().title == "Gazette"
    client.post(
        f"/en/observations/{observation.pk}/edit/",
        content | {"version": 1, "text": "Now with sources.", "submit": "1"},
    )
    observation.refresh_from_db()
    assert observation.status == Observation.Status.SUBMITTED
    assert observation.version == 2


def test_a_stale_save_shows_the_newer_text_and_changes_nothing(
    client, member, organisation, participant, cycle
):
    observation = helpers.draft(
        member, participant, Mandate.objects.get(number=40), cycle
    )
    colleague = helpers.member(organisation)
    from civil_society import services

    services.observation_update(
        user=colleague, observation=observation, version=1, content={"text": "Theirs."}
    )
    client.force_login(member)
    response = client.post(
        f"/en/observations/{observation.pk}/edit/",
        {"version": 1, "assessment": "advanced", "text": "Mine.", "language": "en"},
    )
    assert response.status_code == 409
    page = response.content.decode()
    assert "Someone else saved this while you were editing it" in page
    assert "Theirs." in page
    observation.refresh_from_db()
    assert (observation.text, observation.version) == ("Theirs.", 2)


def test_the_organisation_sees_the_reason_of_a_decline(
    client, member, secretariat, participant, cycle
):
    observation = helpers.submitted(
        member, participant, Mandate.objects.get(number=40), cycle
    )
    client.force_login(secretariat)
    client.post(
        f"/en/observations/{observation.pk}/moderate/",
        {"action": "decline", "reason": "Name the gazette's date."},
    )
    client.force_login(member)
    page = client.get(f"/en/observations/{observation.pk}/").content.decode()
    assert "The secretariat declined this observation" in page
    assert "Name the gazette&#x27;s date." in page


def test_publishing_lets_the_focal_point_reply_and_everyone_read_it(
    client, member, secretariat, focal, participant, cycle
):
    observation = helpers.submitted(
        member, participant, Mandate.objects.get(number=40), cycle
    )
    client.force_login(secretariat)
    client.post(f"/en/observations/{observation.pk}/moderate/", {"action": "publish"})
    observation.refresh_from_db()
    assert observation.status == Observation.Status.PUBLISHED
    client.force_login(focal)
    listed = client.get("/en/observations/replies/").content.decode()
    assert f"/en/observations/{observation.pk}/reply/" in listed
    client.post(
        f"/en/observations/{observation.pk}/reply/",
        {"text": "The law was regulated in May.", "language": "es"},
    )
    reply = Reply.objects.get()
    assert reply.created_by == focal
    client.logout()
    page = client.get(f"/en/observations/{observation.pk}/").content.decode()
    assert "The law was regulated in May." in page
    assert "An independent civil-society view" in page
    assert "Versions" not in page  # the workflow is not the public's


# --- Scoping ----------------------------------------------------------------------


def test_a_member_never_sees_a_participants_unpublished_report(
    client, member, draft, publish, participant, cycle
):
    """Members are a role of their own: a draft report is a 404 for them."""
    client.force_login(member)
    assert client.get(f"/en/reports/{draft.pk}/").status_code == 404
    assert client.get(f"/en/workspace/{participant.code}/").status_code == 404


def test_a_member_never_sees_another_organisations_draft(
    client, member, other_member, participant, cycle
):
    theirs = helpers.draft(
        other_member, participant, Mandate.objects.get(number=40), cycle
    )
    client.force_login(member)
    assert client.get(f"/en/observations/{theirs.pk}/").status_code == 404
    assert client.get(f"/en/observations/{theirs.pk}/edit/").status_code == 404
    workspace = client.get("/en/civil-society/workspace/").content.decode()
    assert f"/en/observations/{theirs.pk}/" not in workspace


def test_the_observed_participant_does_not_see_a_draft_observation(
    client, member, focal, participant, cycle
):
    observation = helpers.submitted(
        member, participant, Mandate.objects.get(number=40), cycle
    )
    client.force_login(focal)
    assert client.get(f"/en/observations/{observation.pk}/").status_code == 404
    assert client.get(f"/en/observations/{observation.pk}/reply/").status_code == 404
    listed = client.get("/en/observations/replies/").content.decode()
    assert f"/en/observations/{observation.pk}/" not in listed


def test_a_focal_point_of_another_participant_cannot_reply(
    client, member, secretariat, outsider, participant, cycle
):
    observation = helpers.published(
        member, secretariat, participant, Mandate.objects.get(number=40), cycle
    )
    client.force_login(outsider)
    response = client.post(
        f"/en/observations/{observation.pk}/reply/",
        {"text": "Not ours.", "language": "en"},
    )
    assert response.status_code == 403
    assert not Reply.objects.exists()


def test_a_secretariat_member_of_the_organisation_cannot_moderate_it(
    client, organisation, secretariat, participant, cycle
):
    Member.objects.create(user=secretariat, organisation=organisation)
    observation = helpers.submitted(
        secretariat, participant, Mandate.objects.get(number=40), cycle
    )
    client.force_login(secretariat)
    page = client.get(f"/en/observations/{observation.pk}/").content.decode()
    assert "someone else must moderate" in page
    client.post(f"/en/observations/{observation.pk}/moderate/", {"action": "publish"})
    observation.refresh_from_db()
    assert observation.status == Observation.Status.SUBMITTED


# --- Query counts -----------------------------------------------------------------


def observations(member, participant, cycle, numbers, status="draft"):
    for number in numbers:
        mandate = Mandate.objects.get(number=number)
        made = helpers.draft(member, participant, mandate, cycle)
        if status == "submitted":
            from civil_society import services

            services.observation_submit(user=member, observation=made, version=1)


def test_workspace_query_count_does_not_grow(
    client, member, organisation, participant, cycle, django_assert_num_queries
):
    client.force_login(member)
    client.get("/en/civil-society/workspace/")  # warm the session
    # 1. the session; 2. the user; 3. the member's approved organisation;
    # 4. the count of its observations; 5. the page of them with their
    # participant, mandate, section, cycle and last author; 6. the members;
    # 7. the pending invitations; 8-10. the session saved (savepoint, update,
    # release).
    observations(member, participant, cycle, [1])
    with django_assert_num_queries(10):
        response = client.get("/en/civil-society/workspace/")
    assert len(response.context["page"]) == 1
    observations(member, participant, cycle, range(2, 12))
    helpers.member(organisation)
    with django_assert_num_queries(10):
        response = client.get("/en/civil-society/workspace/")
    assert len(response.context["page"]) == 11


def test_moderation_queue_query_count_does_not_grow(
    client, member, secretariat, participant, other_participant, cycle,
    django_assert_num_queries,
):  # fmt: skip
    client.force_login(secretariat)
    # 1. the session; 2. the user; 3. the authenticator that verified the
    # session; 4. the count of submitted observations; 5. the page of them with
    # their organisation, participant, mandate, cycle and who submitted them;
    # 6-8. the session saved.
    observations(member, participant, cycle, [1], status="submitted")
    with django_assert_num_queries(8):
        response = client.get("/en/observations/moderation/")
    assert len(response.context["page"]) == 1
    observations(member, participant, cycle, range(2, 8), status="submitted")
    observations(member, other_participant, cycle, range(2, 8), status="submitted")
    with django_assert_num_queries(8):
        response = client.get("/en/observations/moderation/")
    assert len(response.context["page"]) == 13


def test_applications_query_count_does_not_grow(
    client, secretariat, django_assert_num_queries
):
    client.force_login(secretariat)
    # 1-3. session, user, authenticator; 4. the count; 5. the page with each
    # scope and decider; 6-8. the session saved.
    helpers.apply("One")
    with django_assert_num_queries(8):
        response = client.get("/en/civil-society/applications/")
    assert len(response.context["page"]) == 1
    for n in range(10):
        helpers.apply(f"Organisation {n}")
    with django_assert_num_queries(8):
        response = client.get("/en/civil-society/applications/")
    assert len(response.context["page"]) == 11


def test_reply_list_query_count_does_not_grow(
    client, member, secretariat, focal, participant, cycle, django_assert_num_queries
):
    client.force_login(focal)

    client.get("/en/observations/replies/")  # warm the session

    # 1. the session; 2. the user; 3. the count of published observations on
    # the focal point's participants; 4. the page of them, with their
    # organisation, participant, mandate, cycle and reply; 5-7. the session saved.
    def publish(numbers):
        for number in numbers:
            helpers.published(
                member,
                secretariat,
                participant,
                Mandate.objects.get(number=number),
                cycle,
            )

    publish([1])
    with django_assert_num_queries(7):
        response = client.get("/en/observations/replies/")
    assert len(response.context["page"]) == 1
    publish(range(2, 10))
    with django_assert_num_queries(7):
        response = client.get("/en/observations/replies/")
    assert len(response.context["page"]) == 9
    assert (
        mail.outbox == []
    )  # emails are queued on commit, never in a test's transaction


def test_the_moderation_page_is_404_for_members_and_focal_points(
    client, member, focal, participant, cycle
):
    observation = helpers.submitted(
        member, participant, Mandate.objects.get(number=40), cycle
    )
    for person in (member, focal, MembershipFactory(participant=participant).user):
        client.force_login(person)
        assert client.get("/en/observations/moderation/").status_code == 404
        response = client.post(
            f"/en/observations/{observation.pk}/moderate/", {"action": "publish"}
        )
        assert response.status_code == 404
    observation.refresh_from_db()
    assert observation.status == Observation.Status.SUBMITTED


def test_civil_society_pages_have_unique_ids(
    client, member, secretariat, focal, participant, cycle, media
):
    from tests.lima_portal.test_unique_ids import assert_unique_ids

    mandate = Mandate.objects.get(number=40)
    draft = helpers.draft(member, participant, Mandate.objects.get(number=1), cycle)
    submitted = helpers.submitted(
        member, participant, Mandate.objects.get(number=2), cycle
    )
    published = helpers.published(member, secretariat, participant, mandate, cycle)
    application = helpers.apply("Another One")
    assert_unique_ids(client, ["/en/civil-society/apply/"])
    client.force_login(member)
    assert_unique_ids(
        client,
        [
            "/en/civil-society/workspace/",
            "/en/observations/new/",
            f"/en/observations/{draft.pk}/",
            f"/en/observations/{draft.pk}/edit/",
        ],
    )
    client.force_login(secretariat)
    assert_unique_ids(
        client,
        [
            "/en/civil-society/applications/",
            f"/en/civil-society/applications/{application.pk}/",
            "/en/observations/moderation/",
            f"/en/observations/{submitted.pk}/",
        ],
    )
    client.force_login(focal)
    assert_unique_ids(
        client,
        ["/en/observations/replies/", f"/en/observations/{published.pk}/reply/"],
    )
