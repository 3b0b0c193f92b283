"""Inviting, accepting, changing and revoking contributors (progress.contributors)."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from rest_framework.authtoken.models import Token

from accounts.models import Membership, User
from common.invitations import invitation_refusal, new_token
from mandates.models import Mandate
from progress.contributors import services
from progress.contributors.access import invitation_for_link
from progress.contributors.emails import invitation_email_send
from progress.models import ContributorInvitation, ContributorMandate
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db
Role = Membership.Role


def mandates(*numbers):
    return list(Mandate.objects.filter(number__in=numbers))


def invite(focal, participant, email="Colleague@Example.org", numbers=(1, 2)):
    """An invitation and its link's secret, as the emailed link carries it."""
    invitation = services.contributor_invite(
        user=focal, participant=participant, email=email, mandates=mandates(*numbers)
    )
    token = _secret_of(invitation)
    return invitation, token


def _secret_of(invitation):
    """The secret is not stored: make a new one, as "send a new link" does."""
    token = new_token(invitation)
    invitation.save(update_fields=["token_hash", "expires_at"])
    return token


def test_invitation_keeps_only_a_hash_of_the_secret_and_a_normalised_address(
    focal, participant
):
    invitation, token = invite(focal, participant)
    invitation.refresh_from_db()
    assert invitation.email == "colleague@example.org"
    assert token not in invitation.token_hash and len(token) >= 43
    assert invitation_for_link(invitation.pk, token) == invitation
    assert sorted(invitation.mandates.values_list("number", flat=True)) == [1, 2]
    days = (invitation.expires_at - invitation.created_at).days
    assert days == 14


def test_a_wrong_secret_finds_no_invitation(focal, participant):
    from django.http import Http404

    invitation, token = invite(focal, participant)
    with pytest.raises(Http404):
        invitation_for_link(
            invitation.pk, token[:-1] + ("A" if token[-1] != "A" else "B")
        )
    with pytest.raises(Http404):
        invitation_for_link(invitation.pk + 1, token)


def test_invitation_email_is_in_the_focal_points_language_with_an_absolute_link(
    focal, participant, settings, mailoutbox
):
    settings.PORTAL_URL = "https://portal.example.org"
    from django.utils import translation

    with translation.override("es"):
        invitation, token = invite(focal, participant)
    assert invitation.language == "es"
    assert invitation_email_send(invitation_id=invitation.pk, token=token) == 1
    message = mailoutbox[0]
    assert message.to == ["colleague@example.org"]
    assert message.subject == "Invitación a colaborar en los informes de Argentina"
    assert "Hola:" in message.body
    link = f"https://portal.example.org/es/invitations/{invitation.pk}/{token}/"
    assert link in message.body


def test_no_email_for_a_secret_that_a_new_link_replaced(focal, participant, mailoutbox):
    invitation, old = invite(focal, participant)
    _secret_of(invitation)
    assert invitation_email_send(invitation_id=invitation.pk, token=old) == 0
    assert mailoutbox == []


@pytest.mark.parametrize("who", ["observer", "outsider", "contributor", "secretariat"])
def test_only_focal_points_invite(request, who, participant):
    person = request.getfixturevalue(who)
    with pytest.raises(PermissionDenied, match="Only a focal point"):
        invite(person, participant)
    assert not ContributorInvitation.objects.exists()


def test_invitation_needs_a_valid_address_and_a_mandate(focal, participant):
    with pytest.raises(ValidationError) as bad_address:
        invite(focal, participant, email="not an address")
    assert "email" in bad_address.value.message_dict
    with pytest.raises(ValidationError) as no_mandate:
        invite(focal, participant, numbers=())
    assert "mandates" in no_mandate.value.message_dict
    assert not ContributorInvitation.objects.exists()


@pytest.mark.parametrize(
    ("role", "says"),
    [
        (Role.FOCAL_POINT, "already a focal point"),
        (Role.OBSERVER, "already an observer"),
        (Role.CONTRIBUTOR, "already a contributor"),
    ],
)
def test_members_of_the_participant_are_not_invited(focal, participant, role, says):
    member = MembershipFactory(participant=participant, role=role).user
    with pytest.raises(ValidationError, match=says):
        invite(focal, participant, email=member.email.upper())
    assert not ContributorInvitation.objects.exists()


def test_inviting_again_replaces_the_pending_invitation(focal, participant):
    first, first_token = invite(focal, participant, numbers=(1,))
    second, _token = invite(focal, participant, numbers=(3,))
    first.refresh_from_db()
    assert first.revoked_at is not None
    assert invitation_refusal(first) == "This invitation was cancelled."
    assert second.is_pending


def test_accepting_makes_a_contributor_of_the_mandates_once(focal, participant):
    invitation, _token = invite(focal, participant, numbers=(1, 2))
    person = services.invitation_accept_as_new(
        invitation=invitation,
        full_name="Ana Colaboradora",
        password="a long pass phrase 7",
        language="es",
    )
    membership = Membership.objects.get(user=person, participant=participant)
    assert membership.role == Role.CONTRIBUTOR
    given = ContributorMandate.objects.filter(membership=membership)
    assert sorted(given.values_list("mandate__number", flat=True)) == [1, 2]
    assert person.email == "colleague@example.org"
    assert person.preferred_language == "es"
    assert person.check_password("a long pass phrase 7")
    invitation.refresh_from_db()
    assert invitation.accepted_by == person
    with pytest.raises(ValidationError, match="already been used"):
        services.invitation_accept(invitation=invitation, user=person)
    assert Membership.objects.filter(user=person).count() == 1


def test_an_expired_invitation_is_refused(focal, participant):
    invitation, _token = invite(focal, participant)
    ContributorInvitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - timedelta(seconds=1)
    )
    invitation.refresh_from_db()
    with pytest.raises(ValidationError, match="expired"):
        services.invitation_accept_as_new(
            invitation=invitation,
            full_name="Late",
            password="a long pass phrase 7",
            language="en",
        )
    assert not User.objects.filter(email=invitation.email).exists()


def test_an_existing_account_accepts_only_its_own_invitation(focal, participant):
    person = UserFactory(email="colleague@example.org")
    stranger = UserFactory()
    invitation, _token = invite(focal, participant)
    with pytest.raises(PermissionDenied, match="sent to colleague@example.org"):
        services.invitation_accept(invitation=invitation, user=stranger)
    services.invitation_accept(invitation=invitation, user=person)
    assert Membership.objects.get(user=person).role == Role.CONTRIBUTOR


def test_resending_gives_a_new_secret_and_the_old_link_stops(focal, participant):
    from django.http import Http404

    invitation, old = invite(focal, participant)
    services.invitation_resend(user=focal, invitation=invitation)
    with pytest.raises(Http404):
        invitation_for_link(invitation.pk, old)


def test_a_cancelled_invitation_cannot_be_accepted(focal, participant, observer):
    invitation, _token = invite(focal, participant)
    with pytest.raises(PermissionDenied):
        services.invitation_cancel(user=observer, invitation=invitation)
    services.invitation_cancel(user=focal, invitation=invitation)
    with pytest.raises(ValidationError, match="cancelled"):
        services.invitation_accept(
            invitation=invitation, user=UserFactory(email="colleague@example.org")
        )


def _membership(contributor):
    return Membership.objects.get(user=contributor, role=Role.CONTRIBUTOR)


def _numbers(membership):
    return sorted(
        membership.contributor_mandates.values_list("mandate__number", flat=True)
    )


def test_focal_point_changes_a_contributors_mandates(focal, contributor):
    membership = _membership(contributor)
    services.contributor_mandates_set(
        user=focal, membership=membership, mandates=mandates(1, 7), expected={1, 40}
    )
    assert _numbers(membership) == [1, 7]


def test_a_change_based_on_an_old_page_is_refused(focal, contributor):
    membership = _membership(contributor)
    services.contributor_mandates_set(
        user=focal, membership=membership, mandates=mandates(2)
    )
    with pytest.raises(ValidationError, match="Another focal point changed"):
        services.contributor_mandates_set(
            user=focal, membership=membership, mandates=mandates(9), expected={1, 40}
        )
    assert _numbers(membership) == [2]


def test_observers_and_contributors_cannot_change_mandates(
    observer, contributor, participant
):
    membership = _membership(contributor)
    for person in (observer, contributor):
        with pytest.raises(PermissionDenied):
            services.contributor_mandates_set(
                user=person, membership=membership, mandates=mandates(1, 2, 3)
            )
    assert _numbers(membership) == [1, 40]


def test_revoking_removes_the_role_and_ends_sessions_and_tokens(focal, contributor):
    Token.objects.create(user=contributor)
    hash_before = contributor.get_session_auth_hash()
    services.contributor_revoke(user=focal, membership=_membership(contributor))
    contributor.refresh_from_db()
    assert not Membership.objects.filter(user=contributor).exists()
    assert not ContributorMandate.objects.exists()
    assert not Token.objects.filter(user=contributor).exists()
    assert contributor.get_session_auth_hash() != hash_before
    # The deletion is in the membership's history, under the focal point's name.
    assert Membership.history.filter(history_type="-").get().history_user == focal


def test_focal_points_cannot_be_revoked_as_contributors(focal, participant):
    colleague = MembershipFactory(participant=participant)
    with pytest.raises(ValidationError, match="no longer a contributor"):
        services.contributor_revoke(user=focal, membership=colleague)
    assert Membership.objects.filter(pk=colleague.pk).exists()
