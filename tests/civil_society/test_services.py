"""Each step of the civil-society workflow, through its services."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction

from accounts.models import User
from civil_society import services
from civil_society.access import invitation_for_link
from civil_society.emails import invitation_email_send
from civil_society.models import Member, MemberInvitation, Observation, Organisation
from civil_society.selectors import content_versions
from common.locking import StaleVersion
from tests.factories import MembershipFactory

from . import helpers

pytestmark = pytest.mark.django_db
Status = Observation.Status


# --- Applications -----------------------------------------------------------------


def test_an_application_needs_the_code_of_conduct():
    with pytest.raises(ValidationError) as refused:
        services.organisation_apply(
            content={
                "name": "X",
                "contact_email": "a@example.org",
                **helpers.APPLICATION,
            },
            accepted_code_of_conduct=False,
            language="en",
        )
    assert "accepted_code_of_conduct" in refused.value.message_dict
    assert not Organisation.objects.exists()


def test_an_application_is_checked_like_a_form():
    with pytest.raises(ValidationError) as refused:
        services.organisation_apply(
            content={"name": "", "contact_email": "not an address", "website": "x"},
            accepted_code_of_conduct=True,
            language="en",
        )
    assert {"name", "contact_email", "website", "description"} <= set(
        refused.value.message_dict
    )


def test_two_organisations_cannot_share_a_name():
    helpers.apply("Acción Ciudadana")
    with pytest.raises(ValidationError, match="this name applied"):
        helpers.apply("ACCIÓN CIUDADANA".replace("Ó", "ó").upper().title())


def test_approval_invites_the_contact_person_who_joins_with_a_new_account(
    secretariat,
):
    organisation = helpers.apply(language="es")
    invitation = services.organisation_approve(
        user=secretariat, organisation=organisation
    )
    organisation.refresh_from_db()
    assert organisation.status == Organisation.Status.APPROVED
    assert organisation.decided_by == secretariat
    assert invitation.email == organisation.contact_email
    invitation = helpers.known_link(invitation, "secret")
    assert (
        invitation_email_send(
            invitation_id=invitation.pk, token="secret", approval=True
        )
        == 1
    )
    message = mail.outbox[0]
    assert message.to == [organisation.contact_email]
    assert "aprob" in message.subject.lower()  # in the applicant's language
    assert f"/es/civil-society/invitations/{invitation.pk}/secret/" in message.body

    user = services.member_invitation_accept_as_new(
        invitation=invitation_for_link(invitation.pk, "secret"),
        full_name="Ana Contact",
        password="a long enough password",
        language="es",
    )
    assert user.organisation_member.organisation == organisation
    assert user.check_password("a long enough password")
    invitation.refresh_from_db()
    assert invitation.accepted_by == user
    with pytest.raises(ValidationError, match="already been used"):
        services.member_invitation_accept(invitation=invitation, user=user)


def test_an_application_is_decided_once(secretariat, secretariat2):
    organisation = helpers.apply()
    services.organisation_decline(
        user=secretariat, organisation=organisation, reason="No website content."
    )
    with pytest.raises(ValidationError, match="decided on already"):
        services.organisation_approve(user=secretariat2, organisation=organisation)
    organisation.refresh_from_db()
    assert organisation.status == Organisation.Status.DECLINED
    assert not MemberInvitation.objects.exists()


def test_declining_needs_a_reason_and_the_secretariat(secretariat, focal):
    organisation = helpers.apply()
    with pytest.raises(ValidationError):
        services.organisation_decline(
            user=secretariat, organisation=organisation, reason="  "
        )
    with pytest.raises(PermissionDenied):
        services.organisation_decline(
            user=focal, organisation=organisation, reason="No."
        )
    organisation.refresh_from_db()
    assert organisation.status == Organisation.Status.APPLIED


def test_the_declined_applicant_is_emailed_the_reason_in_their_language(secretariat):
    from civil_society.emails import application_declined_send

    organisation = helpers.apply(language="fr")
    services.organisation_decline(
        user=secretariat, organisation=organisation, reason="Pas de statuts."
    )
    assert application_declined_send(organisation_id=organisation.pk) == 1
    message = mail.outbox[0]
    assert "refusée" in message.subject
    assert "Pas de statuts." in message.body


# --- Members ----------------------------------------------------------------------


def test_a_member_invites_a_colleague_who_joins(member, organisation):
    invitation = services.member_invite(
        user=member, email="Colleague@Example.org", language="en"
    )
    assert invitation.email == "colleague@example.org"
    colleague = User.objects.create_user(email="colleague@example.org")
    services.member_invitation_accept(invitation=invitation, user=colleague)
    assert Member.objects.get(user=colleague).organisation == organisation
    assert Member.objects.get(user=colleague).invited_by == member


def test_a_focal_point_cannot_invite_nor_be_invited(focal, member):
    with pytest.raises(PermissionDenied):
        services.member_invite(user=focal, email="x@example.org", language="en")
    with pytest.raises(ValidationError, match="reports for a participant"):
        services.member_invite(user=member, email=focal.email, language="en")


def test_nobody_belongs_to_two_organisations(member, other_member):
    with pytest.raises(ValidationError, match="already a member"):
        services.member_invite(user=member, email=other_member.email, language="en")
    with pytest.raises(IntegrityError), transaction.atomic():
        Member.objects.create(
            user=other_member, organisation=Member.objects.get(user=member).organisation
        )


def test_an_invitation_to_someone_else_is_refused(member, other_member):
    invitation = services.member_invite(
        user=member, email="someone@example.org", language="en"
    )
    with pytest.raises(PermissionDenied, match="sent to someone@example.org"):
        services.member_invitation_accept(invitation=invitation, user=other_member)


# --- Observations -----------------------------------------------------------------


def test_a_member_writes_submits_and_the_secretariat_publishes(
    member, secretariat, participant, mandate40, cycle
):
    observation = helpers.draft(member, participant, mandate40, cycle)
    assert observation.status == Status.DRAFT
    assert observation.created_by == member
    observation = services.observation_update(
        user=member,
        observation=observation,
        version=observation.version,
        content={"assessment": "cannot_assess", "text": "No data.", "language": "es"},
    )
    assert observation.version == 2
    observation = services.observation_submit(
        user=member, observation=observation, version=observation.version
    )
    assert observation.status == Status.SUBMITTED
    with pytest.raises(PermissionDenied, match="can no longer be edited"):
        services.observation_update(
            user=member, observation=observation, version=2, content={"text": "x"}
        )
    published = services.observation_publish(user=secretariat, observation=observation)
    assert published.status == Status.PUBLISHED
    assert published.published_at is not None
    assert published.moderated_by == secretariat
    # Two content versions, each with its author; the transitions add none.
    versions = content_versions(published)
    assert [(v.version, v.history_user) for v in versions] == [
        (2, member),
        (1, member),
    ]


def test_a_declined_observation_shows_the_reason_and_may_be_resubmitted(
    member, secretariat, participant, mandate40, cycle
):
    observation = helpers.submitted(member, participant, mandate40, cycle)
    with pytest.raises(ValidationError):
        services.observation_decline(
            user=secretariat, observation=observation, reason=""
        )
    declined = services.observation_decline(
        user=secretariat, observation=observation, reason="Name your sources."
    )
    assert declined.decline_reason == "Name your sources."
    changed = services.observation_update(
        user=member,
        observation=declined,
        version=declined.version,
        content={"text": "Sources: the official gazette of 3 May."},
    )
    again = services.observation_submit(
        user=member, observation=changed, version=changed.version
    )
    assert again.status == Status.SUBMITTED
    assert again.decline_reason == ""


def test_a_stale_save_is_refused_and_changes_nothing(
    member, organisation, participant, mandate40, cycle
):
    colleague = helpers.member(organisation)
    observation = helpers.draft(member, participant, mandate40, cycle)
    services.observation_update(
        user=colleague,
        observation=observation,
        version=1,
        content={"text": "The colleague's text."},
    )
    with pytest.raises(StaleVersion, match="Someone else saved this") as stale:
        services.observation_update(
            user=member, observation=observation, version=1, content={"text": "Mine."}
        )
    assert stale.value.current.text == "The colleague's text."
    observation.refresh_from_db()
    assert observation.text == "The colleague's text."
    assert observation.version == 2


def test_one_observation_per_organisation_participant_mandate_and_cycle(
    member, other_member, participant, mandate40, cycle
):
    helpers.draft(member, participant, mandate40, cycle)
    with pytest.raises(ValidationError, match="already"):
        helpers.draft(member, participant, mandate40, cycle)
    # Another organisation observes the same report.
    assert helpers.draft(other_member, participant, mandate40, cycle).pk


def test_a_national_organisation_observes_its_own_participant_only(
    secretariat, participant, other_participant, mandate40, cycle
):
    national = helpers.approved(secretariat, "Poder Ciudadano", scope=participant)
    writer = helpers.member(national)
    with pytest.raises(ValidationError) as refused:
        helpers.draft(writer, other_participant, mandate40, cycle)
    assert "participant" in refused.value.message_dict
    assert helpers.draft(writer, participant, mandate40, cycle).pk


def test_the_text_has_a_length_limit(member, participant, mandate40, cycle):
    with pytest.raises(ValidationError, match="Keep this to 6,000 characters"):
        helpers.draft(member, participant, mandate40, cycle, text="x" * 6001)
    assert not Observation.objects.exists()


def test_only_members_of_the_organisation_write_its_observations(
    member, other_member, focal, secretariat, participant, mandate40, cycle
):
    with pytest.raises(PermissionDenied):
        helpers.draft(focal, participant, mandate40, cycle)
    with pytest.raises(PermissionDenied):
        helpers.draft(secretariat, participant, mandate40, cycle)
    observation = helpers.draft(member, participant, mandate40, cycle)
    with pytest.raises(PermissionDenied, match="Only members of"):
        services.observation_update(
            user=other_member, observation=observation, version=1, content={}
        )


def test_members_of_a_declined_organisation_write_nothing(
    secretariat, participant, mandate40, cycle
):
    organisation = helpers.apply("Late Comers")
    services.organisation_decline(
        user=secretariat, organisation=organisation, reason="No."
    )
    writer = helpers.member(organisation)
    with pytest.raises(PermissionDenied):
        helpers.draft(writer, participant, mandate40, cycle)


def test_nobody_moderates_their_own_organisations_observation(
    member, organisation, secretariat, secretariat2, participant, mandate40, cycle
):
    Member.objects.filter(user=member).delete()
    Member.objects.create(user=secretariat, organisation=organisation)
    observation = helpers.submitted(secretariat, participant, mandate40, cycle)
    with pytest.raises(PermissionDenied, match="someone else must moderate"):
        services.observation_publish(user=secretariat, observation=observation)
    observation.refresh_from_db()
    assert observation.status == Status.SUBMITTED
    assert services.observation_publish(user=secretariat2, observation=observation)


def test_only_a_submitted_observation_is_moderated(
    member, secretariat, participant, mandate40, cycle
):
    observation = helpers.draft(member, participant, mandate40, cycle)
    with pytest.raises(ValidationError, match="Only a submitted"):
        services.observation_publish(user=secretariat, observation=observation)


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_sources_pass_the_same_upload_checks_as_evidence(
    member, participant, mandate40, cycle, media
):
    observation = helpers.draft(member, participant, mandate40, cycle)
    with pytest.raises(ValidationError) as refused:
        services.observation_document_add(
            user=member,
            observation=observation,
            title="Not a PDF",
            upload=SimpleUploadedFile("law.pdf", b"MZ\x90\x00 a program"),
        )
    assert "upload" in refused.value.message_dict
    document = services.observation_document_add(
        user=member,
        observation=observation,
        title="The gazette",
        upload=SimpleUploadedFile("gazette.pdf", PDF),
    )
    assert document.content_type == "application/pdf"
    link = services.observation_document_add(
        user=member, observation=observation, title="News", url="https://example.org/n"
    )
    assert list(observation.documents.all()) == [document, link]


# --- Replies ----------------------------------------------------------------------


def test_a_focal_point_replies_and_each_version_is_attributed(
    member, secretariat, focal, participant, mandate40, cycle
):
    colleague = MembershipFactory(participant=participant).user
    observation = helpers.published(member, secretariat, participant, mandate40, cycle)
    reply = services.reply_save(
        user=focal,
        observation=observation,
        text="We disagree.",
        language="es",
        version=None,
    )
    reply = services.reply_save(
        user=colleague,
        observation=observation,
        text="We disagree: the law was regulated in May.",
        language="es",
        version=reply.version,
    )
    assert reply.version == 2
    assert reply.created_by == focal and reply.updated_by == colleague
    assert [(v.version, v.history_user) for v in content_versions(reply)] == [
        (2, colleague),
        (1, focal),
    ]


def test_a_stale_reply_is_refused(
    member, secretariat, focal, participant, mandate40, cycle
):
    observation = helpers.published(member, secretariat, participant, mandate40, cycle)
    services.reply_save(
        user=focal, observation=observation, text="First.", language="en", version=None
    )
    with pytest.raises(StaleVersion):
        services.reply_save(
            user=focal,
            observation=observation,
            text="Also first.",
            language="en",
            version=None,
        )
    assert observation.reply.text == "First."


def test_a_focal_point_of_another_participant_cannot_reply(
    member, secretariat, outsider, observer, participant, mandate40, cycle
):
    observation = helpers.published(member, secretariat, participant, mandate40, cycle)
    for person in (outsider, observer, member):
        with pytest.raises(PermissionDenied, match="Only a focal point of"):
            services.reply_save(
                user=person,
                observation=observation,
                text="No.",
                language="en",
                version=None,
            )


def test_nobody_replies_to_an_unpublished_observation(
    member, focal, participant, mandate40, cycle
):
    observation = helpers.submitted(member, participant, mandate40, cycle)
    with pytest.raises(PermissionDenied, match="Only a published"):
        services.reply_save(
            user=focal, observation=observation, text="No.", language="en", version=None
        )
