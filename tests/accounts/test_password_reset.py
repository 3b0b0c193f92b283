"""Reset emails: limited per address and per client address, in the database."""

import re

import pytest
from django.core import mail

from accounts.models import PasswordResetRequest, User
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
RESET = "/en/account/password-reset/"
REFUSED = "Too many reset requests"


def ask(client, email, **headers):
    return client.post(RESET, {"email": email}, follow=True, **headers)


def test_limit_per_client_address_counts_known_and_unknown_addresses(client):
    person = UserFactory(email="focal@example.org")
    for number in range(10):
        page = ask(client, f"nobody{number}@example.org", REMOTE_ADDR="203.0.113.5")
        assert REFUSED not in page.content.decode()
    refused = ask(client, person.email, REMOTE_ADDR="203.0.113.5")
    assert REFUSED in refused.content.decode()
    assert mail.outbox == []
    ask(client, person.email, REMOTE_ADDR="198.51.100.20")
    assert len(mail.outbox) == 1


def test_behind_the_proxy_each_client_has_its_own_allowance(client, settings):
    settings.BEHIND_PROXY = True
    person = UserFactory(email="focal@example.org")
    noisy = {"REMOTE_ADDR": "10.0.0.1", "HTTP_X_FORWARDED_FOR": "203.0.113.5"}
    for number in range(10):
        ask(client, f"nobody{number}@example.org", **noisy)
    quiet = {"REMOTE_ADDR": "10.0.0.1", "HTTP_X_FORWARDED_FOR": "198.51.100.20"}
    assert REFUSED not in ask(client, person.email, **quiet).content.decode()
    assert len(mail.outbox) == 1


def test_spellings_of_an_address_share_its_allowance(client):
    UserFactory(email="focal@example.org")
    for spelling in ("FOCAL@example.org", "Focal@Example.org", "focal@EXAMPLE.ORG"):
        ask(client, spelling)
    assert REFUSED in ask(client, "focal@example.org").content.decode()
    assert len(mail.outbox) == 3
    # Addresses are kept as keyed hashes, never as typed.
    assert not PasswordResetRequest.objects.filter(address_key__contains="@").exists()


def test_a_new_password_from_the_emailed_link_lifts_the_address_lock(client):
    person = UserFactory(email="focal@example.org")
    for _ in range(5):
        client.post(
            "/en/account/sign-in/", {"username": person.email, "password": "wrong"}
        )
    ask(client, person.email)
    link = re.search(r"http://testserver(\S+)", mail.outbox[0].body).group(1)
    form_page = client.get(link, follow=True)
    new_password = "a much longer new passphrase"
    client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": new_password, "new_password2": new_password},
    )
    response = client.post(
        "/en/account/sign-in/", {"username": person.email, "password": new_password}
    )
    assert response.status_code == 302
    assert User.objects.get(pk=client.session["_auth_user_id"]) == person
