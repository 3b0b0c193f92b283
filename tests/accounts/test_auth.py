import re

import pytest
from django.core import mail

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
PASSWORD = "correct horse battery"


@pytest.fixture
def person():
    return UserFactory(email="focal@example.org")


def sign_in(client, email, password):
    return client.post(
        "/en/account/sign-in/", {"username": email, "password": password}, follow=True
    )


def test_sign_in_with_email_any_case_and_sign_out(client, person):
    response = sign_in(client, "Focal@Example.org", PASSWORD)
    assert response.context["user"] == person
    response = client.post("/en/account/sign-out/", follow=True)
    assert not response.context["user"].is_authenticated


def test_wrong_password_says_so(client, person):
    page = sign_in(client, person.email, "wrong").content.decode()
    assert "The email address or the password is not right." in page


def test_repeated_failures_lock_sign_in_even_with_the_right_password(client, person):
    for _ in range(5):
        sign_in(client, person.email, "wrong")
    response = sign_in(client, person.email, PASSWORD)
    assert not response.context["user"].is_authenticated
    assert "Too many failed sign-ins" in response.content.decode()


def test_lock_is_per_address(client, person):
    other = UserFactory(email="other@example.org")
    for _ in range(5):
        sign_in(client, person.email, "wrong")
    assert sign_in(client, other.email, PASSWORD).context["user"] == other


def test_session_ends_after_inactivity(client, person, settings):
    sign_in(client, person.email, PASSWORD)
    assert client.session.get_expiry_age() == settings.SESSION_COOKIE_AGE == 30 * 60
    assert settings.SESSION_SAVE_EVERY_REQUEST  # each request restarts the clock


def test_password_reset_by_email(client, person):
    client.post("/en/account/password-reset/", {"email": person.email})
    assert len(mail.outbox) == 1
    link = re.search(r"http://testserver(\S+)", mail.outbox[0].body).group(1)
    form_page = client.get(link, follow=True)
    new_password = "a much longer new passphrase"
    client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": new_password, "new_password2": new_password},
    )
    person.refresh_from_db()
    assert person.check_password(new_password)


def test_password_reset_for_unknown_address_reveals_nothing(client):
    response = client.post(
        "/en/account/password-reset/", {"email": "nobody@example.org"}, follow=True
    )
    assert "Check your email" in response.content.decode()
    assert mail.outbox == []


def test_secretariat_edits_indicators_and_cycles_in_the_admin(client):
    from accounts.services import secretariat_grant

    reviewer = UserFactory(email="reviewer@example.org", authenticator=True)
    secretariat_grant(user=reviewer)
    client.force_login(reviewer)
    assert client.get("/admin/mandates/indicator/").status_code == 200
    assert client.get("/admin/progress/reportingcycle/add/").status_code == 200
    # Users and memberships stay with the administrators.
    assert client.get("/admin/accounts/user/").status_code == 403


def test_password_reset_emails_are_limited_per_address(client, person):
    for _ in range(3):
        client.post("/en/account/password-reset/", {"email": person.email})
    response = client.post("/en/account/password-reset/", {"email": person.email})
    assert "Too many reset requests" in response.content.decode()
    assert len(mail.outbox) == 3
