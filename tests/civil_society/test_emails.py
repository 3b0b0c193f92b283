"""The civil-society emails, each in its recipient's language."""

import time

import pytest
from django.core import mail

from accounts.models import Membership
from civil_society import services
from civil_society.emails import invitation_email_send, observation_published_send
from mandates.models import Mandate
from tests.factories import MembershipFactory

from . import helpers


@pytest.mark.django_db
def test_publishing_emails_each_focal_point_in_their_language(
    member, secretariat, focal, observer, outsider, participant, cycle
):
    colleague = MembershipFactory(
        participant=participant, user__preferred_language="pt"
    ).user
    observation = helpers.published(
        member, secretariat, participant, Mandate.objects.get(number=40), cycle
    )
    assert observation_published_send(observation_id=observation.pk) == 2
    by_address = {message.to[0]: message for message in mail.outbox}
    assert set(by_address) == {focal.email, colleague.email}  # focal points only
    english = by_address[focal.email]
    assert "published an observation on Argentina, mandate 40" in english.subject
    assert f"/en/observations/{observation.pk}/reply/" in english.body
    portuguese = by_address[colleague.email]
    assert "publicou uma observação" in portuguese.subject
    assert f"/pt/observations/{observation.pk}/reply/" in portuguese.body


@pytest.mark.django_db
def test_no_email_for_an_observation_that_is_not_published(
    member, focal, participant, cycle
):
    observation = helpers.submitted(
        member, participant, Mandate.objects.get(number=40), cycle
    )
    assert observation_published_send(observation_id=observation.pk) == 0
    assert mail.outbox == []


@pytest.mark.django_db
def test_an_invitation_is_in_the_inviters_language_and_a_replaced_link_is_not_sent(
    member,
):
    first = services.member_invite(user=member, email="c@example.org", language="fr")
    helpers.known_link(first, "first")
    second = services.member_invite(user=member, email="c@example.org", language="fr")
    helpers.known_link(second, "second")
    assert invitation_email_send(invitation_id=first.pk, token="first") == 0
    assert invitation_email_send(invitation_id=second.pk, token="second") == 1
    message = mail.outbox[0]
    assert "Invitation à écrire les observations" in message.subject
    assert f"/fr/civil-society/invitations/{second.pk}/second/" in message.body


def test_publishing_reaches_the_focal_points_through_the_worker(
    live_worker, reference_data, secretariat, participant, cycle
):
    focal = MembershipFactory(
        participant=participant, role=Membership.Role.FOCAL_POINT
    ).user
    organisation = helpers.approved(secretariat)
    writer = helpers.member(organisation)
    mail.outbox.clear()  # the approval's invitation, sent by the worker
    observation = helpers.submitted(
        writer, participant, Mandate.objects.get(number=40), cycle
    )
    services.observation_publish(user=secretariat, observation=observation)
    deadline = time.monotonic() + 20
    while not any(focal.email in m.to for m in mail.outbox):
        assert time.monotonic() < deadline, "no email to the focal point"
        time.sleep(0.1)
    assert [m.to for m in mail.outbox if "observation" in m.subject] == [[focal.email]]
