"""The admin's sign-in door: the portal's sign-in for visitors, a clear refusal
for signed-in people who are not administrators, never a redirect loop."""

import pytest

from ..factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_signed_in_focal_point_is_told_the_admin_is_not_for_them(client, participant):
    client.force_login(MembershipFactory(participant=participant).user)
    # Before, the admin sent them to sign in, and the sign-in page, seeing them
    # signed in, sent them back to the admin: round and round.
    response = client.get("/admin/", follow=True)
    assert response.status_code == 403
    assert [url for url, _status in response.redirect_chain] == [
        "/admin/login/?next=/admin/"
    ]
    assert "The administration is for administrators only." in response.content.decode()


def test_secretariat_is_not_let_into_the_admin(client):
    client.force_login(UserFactory(is_secretariat=True))
    response = client.get("/admin/progress/progressreport/", follow=True)
    assert response.status_code == 403


def test_visitor_goes_to_the_portal_sign_in_and_keeps_the_page(client):
    response = client.get("/admin/mandates/mandate/", follow=True)
    assert response.redirect_chain[-1][0] == (
        "/en/account/sign-in/?next=/admin/mandates/mandate/"
    )
    assert response.status_code == 200


def test_administrator_at_the_admin_door_goes_in(admin_client_for):
    client = admin_client_for(UserFactory(is_staff=True, is_superuser=True))
    response = client.get("/admin/login/?next=/admin/", follow=True)
    assert response.redirect_chain == [("/admin/", 302)]
    assert response.status_code == 200


def test_administrator_owing_the_second_factor_is_asked_for_it(client):
    administrator = UserFactory(is_staff=True, is_superuser=True)
    # force_login of the plain Client: the password step only, as after a
    # right password.
    super(type(client), client).force_login(administrator)
    response = client.get("/admin/", follow=True)
    assert response.redirect_chain[-1][0].startswith(
        "/en/account/two-factor/verify/?next="
    )
