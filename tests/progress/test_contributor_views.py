"""The contributors' pages, the invitation link, and revocation at once."""

from datetime import timedelta

import pytest
from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from accounts.models import Membership, User
from common.invitations import new_token
from mandates.models import Mandate
from progress.contributors import services
from progress.models import ContributorInvitation

from ..conftest import SignInClient
from ..factories import MembershipFactory, UserFactory, make_contributor

pytestmark = pytest.mark.django_db
PAGE = "/en/workspace/ARG/contributors/"


def mandate_pks(*numbers) -> list[str]:
    return [
        str(pk)
        for pk in Mandate.objects.filter(number__in=numbers).values_list(
            "pk", flat=True
        )
    ]


def invitation_link(focal, participant, email="new.person@example.org", numbers=(1,)):
    """An invitation and its link, the secret made anew as "send a new link" does."""
    invitation = services.contributor_invite(
        user=focal,
        participant=participant,
        email=email,
        mandates=Mandate.objects.filter(number__in=numbers),
    )
    token = new_token(invitation)
    invitation.save(update_fields=["token_hash", "expires_at"])
    return invitation, f"/en/invitations/{invitation.pk}/{token}/"


def contributor_membership(user) -> Membership:
    return Membership.objects.get(user=user, role=Membership.Role.CONTRIBUTOR)


# --- The focal point's page -----------------------------------------------------------


def test_focal_point_invites_from_the_page(client, focal, participant):
    client.force_login(focal)
    response = client.post(
        PAGE,
        {"email": "Colleague@Example.org", "mandates": mandate_pks(3, 7)},
        follow=True,
    )
    page = response.content.decode()
    assert "Invitation sent to colleague@example.org." in page
    invitation = ContributorInvitation.objects.get()
    assert invitation.participant == participant and invitation.invited_by == focal
    assert response.context["invitations"][0].mandate_numbers == [3, 7]


def test_invite_form_says_what_is_wrong_and_invites_nobody(client, focal, participant):
    colleague = MembershipFactory(participant=participant).user
    client.force_login(focal)
    cases = [
        ({"email": "nobody", "mandates": mandate_pks(1)}, "valid email address"),
        ({"email": "x@example.org"}, "Choose at least one mandate."),
        (
            {"email": colleague.email, "mandates": mandate_pks(1)},
            "is already a focal point of Argentina",
        ),
    ]
    for data, message in cases:
        response = client.post(PAGE, data)
        assert response.status_code == 400
        assert message in response.content.decode()
    assert not ContributorInvitation.objects.exists()


def test_observer_reads_the_page_but_cannot_invite(client, observer, contributor):
    client.force_login(observer)
    page = client.get(PAGE)
    assert page.status_code == 200
    assert contributor.email in page.content.decode()
    assert page.context["can_manage"] is False
    assert "Send the invitation" not in page.content.decode()
    refused = client.post(PAGE, {"email": "x@example.org", "mandates": mandate_pks(1)})
    assert refused.status_code == 403
    membership = contributor_membership(contributor)
    revoke = f"{PAGE}{membership.pk}/revoke/"
    assert client.post(revoke).status_code == 403
    assert Membership.objects.filter(pk=membership.pk).exists()
    assert not ContributorInvitation.objects.exists()


@pytest.mark.parametrize("who", ["outsider", "contributor", "secretariat"])
def test_others_get_404_on_the_contributors_pages(request, client, who, focal):
    membership = contributor_membership(
        make_contributor(focal.memberships.get().participant, [1])
    )
    invitation, _link = invitation_link(focal, membership.participant)
    client.force_login(request.getfixturevalue(who))
    urls = [PAGE, f"{PAGE}{membership.pk}/", f"{PAGE}{membership.pk}/revoke/"]
    for url in urls:
        assert client.get(url).status_code == 404, url
    for action in ("resend", "cancel"):
        url = f"/en/workspace/ARG/invitations/{invitation.pk}/{action}/"
        assert client.post(url).status_code == 404, url
    assert client.post(f"{PAGE}{membership.pk}/revoke/").status_code == 404
    assert Membership.objects.filter(pk=membership.pk).exists()


def test_anonymous_is_sent_to_sign_in(client):
    response = client.get(PAGE)
    assert response.status_code == 302 and "/sign-in/" in response["Location"]


def test_focal_point_changes_mandates_on_the_contributors_page(
    client, focal, contributor, cycle
):
    membership = contributor_membership(contributor)
    client.force_login(focal)
    url = f"{PAGE}{membership.pk}/"
    form = client.get(url)
    assert form.context["form"].initial["shown"] == "1,40"
    response = client.post(
        url, {"mandates": mandate_pks(2, 40), "shown": "1,40"}, follow=True
    )
    assert "are changed" in response.content.decode()
    assert contributor_membership(contributor).contributor_mandates.count() == 2
    client.force_login(contributor)
    rows = client.get("/en/workspace/ARG/").context["rows"]
    assert [row.mandate.number for row in rows] == [2, 40]


def test_a_change_from_an_old_page_shows_the_newer_choice(client, focal, contributor):
    membership = contributor_membership(contributor)
    client.force_login(focal)
    url = f"{PAGE}{membership.pk}/"
    client.post(url, {"mandates": mandate_pks(5), "shown": "1,40"})
    stale = client.post(url, {"mandates": mandate_pks(9), "shown": "1,40"})
    assert stale.status_code == 409
    assert "Another focal point changed" in stale.content.decode()
    assert stale.context["form"].initial["shown"] == "5"
    numbers = membership.contributor_mandates.values_list("mandate__number", flat=True)
    assert list(numbers) == [5]


def test_no_mandate_left_is_refused(client, focal, contributor):
    membership = contributor_membership(contributor)
    client.force_login(focal)
    response = client.post(f"{PAGE}{membership.pk}/", {"shown": "1,40"})
    assert response.status_code == 400
    assert "Choose at least one mandate." in response.content.decode()
    assert membership.contributor_mandates.count() == 2


def test_revoking_ends_the_contributors_session_and_token_at_once(
    client, focal, contributor, draft
):
    their_browser = SignInClient()
    their_browser.force_login(contributor)
    assert their_browser.get(f"/en/reports/{draft.pk}/edit/").status_code == 200
    api = APIClient()
    api.credentials(
        HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=contributor)}"
    )
    assert api.get("/api/v1/workspace/reports/").status_code == 200

    client.force_login(focal)
    membership = contributor_membership(contributor)
    confirm = client.get(f"{PAGE}{membership.pk}/revoke/")
    assert "Every session of theirs ends at once" in confirm.content.decode()
    done = client.post(f"{PAGE}{membership.pk}/revoke/", follow=True)
    assert "no longer contributes to Argentina" in done.content.decode()

    after = their_browser.get(f"/en/reports/{draft.pk}/edit/")
    assert after.status_code == 302 and "/sign-in/" in after["Location"]
    assert "_auth_user_id" not in their_browser.session
    assert api.get("/api/v1/workspace/reports/").status_code == 401
    # The focal point's own session is untouched.
    assert client.get(PAGE).status_code == 200


def test_sessions_of_people_never_revoked_keep_working(client, focal):
    """Epoch 0 keeps Django's own hash: no session ends when this is deployed."""
    client.force_login(focal)
    assert focal.session_epoch == 0
    assert client.get(PAGE).status_code == 200


def test_focal_point_resends_and_cancels_an_invitation(client, focal, participant):
    invitation, old_link = invitation_link(focal, participant)
    client.force_login(focal)
    base = f"/en/workspace/ARG/invitations/{invitation.pk}"
    resent = client.post(f"{base}/resend/", follow=True)
    assert "the earlier one no longer works" in resent.content.decode()
    client.logout()
    assert client.get(old_link).status_code == 404
    client.force_login(focal)
    cancelled = client.post(f"{base}/cancel/", follow=True)
    assert "is cancelled" in cancelled.content.decode()
    assert list(cancelled.context["invitations"]) == []
    assert client.post(f"{base}/cancel/").status_code == 404


def test_contributors_page_query_count_does_not_grow(
    client, focal, participant, django_assert_num_queries
):
    client.force_login(focal)
    make_contributor(participant, [1])
    invitation_link(focal, participant, email="one@example.org")
    client.get(PAGE)  # warm the session: it keeps whether a second factor is owed
    # 1. the session; 2. the user; 3. the participant by its code; 4. the focal
    # point's role in it; 5. the contributors with their mandate numbers; 6.
    # the pending invitations with theirs; 7. the mandates of the invitation
    # form; 8-10. the session saved (a savepoint, the update, its release).
    with django_assert_num_queries(10):
        one = client.get(PAGE)
    for n in range(5):
        make_contributor(participant, [n + 2, n + 3])
        invitation_link(focal, participant, email=f"p{n}@example.org", numbers=[n + 1])
    with django_assert_num_queries(10):
        many = client.get(PAGE)
    assert len(one.context["contributors"]) == 1
    assert len(many.context["contributors"]) == 6
    assert len(many.context["invitations"]) == 6


# --- The secretariat's list ----------------------------------------------------------


def test_secretariat_sees_contributors_per_participant(
    client, secretariat, participant, other_participant, django_assert_num_queries
):
    make_contributor(participant, [1, 2], full_name="Ana Argentina")
    client.force_login(secretariat)
    # 1. the session; 2. the user; 3. the authenticator that verified the
    # session; 4. every contributor with their participant and mandate
    # numbers; 5-7. the session saved (a savepoint, the update, its release).
    with django_assert_num_queries(7):
        one = client.get("/en/review/contributors/")
    assert "Ana Argentina" in one.content.decode()
    for n in range(4):
        make_contributor(other_participant, [n + 1])
        make_contributor(participant, [n + 10])
    with django_assert_num_queries(7):
        many = client.get("/en/review/contributors/")
    rows = many.context["contributors"]
    assert len(rows) == 9
    assert [row.participant.code for row in rows] == ["ARG"] * 5 + ["BRA"] * 4
    # The other contributors' names are random: find Ana by hers.
    ana = next(row for row in rows if row.user.full_name == "Ana Argentina")
    assert ana.mandate_numbers == [1, 2]


def test_focal_points_do_not_see_the_secretariats_list(client, focal):
    client.force_login(focal)
    assert client.get("/en/review/contributors/").status_code == 404


# --- The invitation link -------------------------------------------------------------


def test_a_new_person_accepts_and_is_signed_in_as_a_contributor(
    client, focal, participant, cycle
):
    invitation, link = invitation_link(focal, participant, numbers=(1, 2))
    form = client.get(link)
    assert form.status_code == 200
    assert "new.person@example.org" in form.content.decode()
    response = client.post(
        link,
        {
            "full_name": "Nueva Persona",
            "password1": "a long pass phrase 7",
            "password2": "a long pass phrase 7",
            "agree": "on",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == "/en/workspace/ARG/"
    person = User.objects.get(email="new.person@example.org")
    assert person.full_name == "Nueva Persona"
    workspace = client.get("/en/workspace/ARG/")
    assert [row.mandate.number for row in workspace.context["rows"]] == [1, 2]
    assert "you now contribute to the reports of Argentina" in (
        workspace.content.decode()
    )
    client.logout()
    used = client.get(link)
    assert used.status_code == 410
    assert "already been used" in used.content.decode()


def test_accept_form_checks_the_password_and_the_agreement(client, focal, participant):
    _invitation, link = invitation_link(focal, participant)
    cases = [
        (
            {"password1": "a long pass phrase 7", "password2": "another one 8888"},
            "didn",
        ),
        ({"password1": "short", "password2": "short"}, "too short"),
        (
            {"password1": "new.person@example", "password2": "new.person@example"},
            "too similar",
        ),
        ({"agree": ""}, "Tick this box"),
    ]
    valid = {
        "full_name": "Nueva Persona",
        "password1": "a long pass phrase 7",
        "password2": "a long pass phrase 7",
        "agree": "on",
    }
    for change, message in cases:
        response = client.post(link, {**valid, **change})
        assert response.status_code == 400, change
        assert message in response.content.decode(), change
    assert not User.objects.filter(email="new.person@example.org").exists()


def test_a_new_contributor_sets_up_a_second_factor_when_focal_points_must(
    client, focal, participant, settings
):
    settings.REQUIRE_2FA_FOR_FOCAL_POINTS = True
    _invitation, link = invitation_link(focal, participant)
    response = client.post(
        link,
        {
            "full_name": "Nueva Persona",
            "password1": "a long pass phrase 7",
            "password2": "a long pass phrase 7",
            "agree": "on",
        },
    )
    assert response.status_code == 302
    assert response["Location"].startswith("/en/account/two-factor/set-up/")
    assert "next=%2Fen%2Fworkspace%2FARG%2F" in response["Location"]
    # Until the second factor is set up, the workspace asks to sign in.
    assert client.get("/en/workspace/ARG/").status_code == 302


def test_an_existing_account_signs_in_then_accepts(client, focal, participant):
    person = UserFactory(email="new.person@example.org")
    invitation, link = invitation_link(focal, participant)
    page = client.get(link)
    assert page.status_code == 200
    assert "already has an account" in page.content.decode()
    assert (
        page.context["sign_in_url"]
        == f"/en/account/sign-in/?next={link.replace('/', '%2F')}"
    )
    client.force_login(person)
    button = client.get(link)
    assert "Accept the invitation" in button.content.decode()
    response = client.post(link)
    assert response.status_code == 302 and response["Location"] == "/en/workspace/ARG/"
    assert contributor_membership(person).participant == participant


def test_someone_else_signed_in_cannot_accept(client, focal, participant, outsider):
    _invitation, link = invitation_link(focal, participant)
    client.force_login(outsider)
    response = client.post(link)
    assert response.status_code == 403
    assert "you are signed in as" in response.content.decode()
    assert not Membership.objects.filter(
        participant=participant, role=Membership.Role.CONTRIBUTOR
    ).exists()


def test_expired_cancelled_and_wrong_links_say_so(client, focal, participant):
    invitation, link = invitation_link(focal, participant)
    assert client.get(link[:-2] + "x/").status_code == 404
    assert client.get(f"/en/invitations/{invitation.pk + 1}/abc/").status_code == 404
    ContributorInvitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - timedelta(minutes=1)
    )
    expired = client.get(link)
    assert expired.status_code == 410
    assert "has expired" in expired.content.decode()
    assert client.post(link, {"full_name": "X"}).status_code == 410
    other, other_link = invitation_link(focal, participant, email="other@example.org")
    services.invitation_cancel(user=focal, invitation=other)
    cancelled = client.get(other_link)
    assert (
        cancelled.status_code == 410 and "was cancelled" in cancelled.content.decode()
    )
    assert not User.objects.filter(email__in=[invitation.email, other.email]).exists()
