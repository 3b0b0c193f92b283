"""One lock-out for every way in, keyed on one spelling of the address."""

import importlib

import pytest
from axes.models import AccessAttempt
from django.apps import apps
from django.test import RequestFactory

from accounts.lockout import client_ip
from accounts.models import User
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
PASSWORD = "correct horse battery"
SIGN_IN = "/en/account/sign-in/"


def sign_in(client, email, password, **headers):
    return client.post(
        SIGN_IN, {"username": email, "password": password}, follow=True, **headers
    )


def signed_in_as(client):
    return User.objects.filter(pk=client.session.get("_auth_user_id")).first()


def lock(client, email, **headers):
    for _ in range(5):
        sign_in(client, email, "wrong", **headers)


# --- One counter for the portal and the admin -------------------------------------


def test_fifth_failure_shows_the_translated_lock_page(client):
    person = UserFactory(email="focal@example.org")
    for _ in range(4):
        page = sign_in(client, person.email, "wrong")
        assert "after 5 failed attempts, signing in pauses for 15 minutes" in (
            page.content.decode()
        )
    response = sign_in(client, person.email, "wrong")
    assert response.status_code == 429
    assert "signing in is paused for 15 minutes" in response.content.decode()
    spanish = client.post(
        "/es/account/sign-in/", {"username": person.email, "password": PASSWORD}
    )
    assert spanish.status_code == 429
    assert "Demasiados intentos fallidos" in spanish.content.decode()


def test_admin_sign_in_is_the_portals_and_shares_its_lock(client):
    admin = UserFactory(email="admin@example.org", is_staff=True, is_superuser=True)
    lock(client, admin.email)
    # The admin has no sign-in form of its own: a post there signs nobody in.
    response = client.post(
        "/admin/login/?next=/admin/",
        {"username": admin.email, "password": PASSWORD},
    )
    assert response.status_code == 302
    assert response["Location"] == "/en/account/sign-in/?next=/admin/"
    assert signed_in_as(client) is None
    # Where it sends people, the right password is refused while locked.
    followed = client.post(
        response["Location"], {"username": admin.email, "password": PASSWORD}
    )
    assert followed.status_code == 429
    assert signed_in_as(client) is None


def test_locked_secretariat_cannot_reach_the_review_queue_any_way(client):
    reviewer = UserFactory(email="reviewer@example.org", is_secretariat=True)
    lock(client, reviewer.email)
    for url in ("/admin/login/?next=/en/review/", "/en/review/"):
        response = client.get(url, follow=True)
        assert response.redirect_chain[-1][0].startswith(SIGN_IN)
    assert sign_in(client, reviewer.email, PASSWORD).status_code == 429
    assert signed_in_as(client) is None


def test_success_clears_the_address_count(client):
    person = UserFactory(email="focal@example.org")
    for _ in range(4):
        sign_in(client, person.email, "wrong")
    sign_in(client, person.email, PASSWORD)
    client.post("/en/account/sign-out/")
    for _ in range(4):
        sign_in(client, person.email, "wrong")
    assert sign_in(client, person.email, PASSWORD).status_code == 200
    assert signed_in_as(client) == person


# --- One spelling of the address --------------------------------------------------


def test_addresses_are_stored_as_sign_in_looks_them_up():
    person = User.objects.create_user("  Ｆocal@Example.ORG ", PASSWORD)
    assert person.email == "focal@example.org"
    other = User(email="Other@EXAMPLE.org")
    other.clean()
    assert other.email == "other@example.org"


def test_spellings_of_one_address_share_one_count(client):
    person = UserFactory(email="focal@example.org")
    spellings = [
        "FOCAL@example.org",
        "Focal@Example.Org",
        "ｆｏｃａｌ@example.org",  # fullwidth letters: NFKC makes them ASCII
        " focal@EXAMPLE.ORG",
        "focal@example.org",
    ]
    for spelling in spellings:
        sign_in(client, spelling, "wrong")
    assert sign_in(client, person.email, PASSWORD).status_code == 429
    assert signed_in_as(client) is None


def test_dotless_i_neither_signs_in_nor_gets_fresh_tries(client):
    admin = UserFactory(email="admin@example.org", is_staff=True, is_superuser=True)
    lock(client, admin.email)
    # PostgreSQL's case-insensitive match takes "ı" for "i"; sign-in does not.
    variant = "admın@example.org"
    for _ in range(8):
        page = sign_in(client, variant, PASSWORD)
        assert signed_in_as(client) is None
    assert page.status_code == 429  # the variant is an address of its own...
    # ...which has no account: its tries never tested the admin's password.
    assert not User.objects.filter(email=variant).exists()
    assert sign_in(client, admin.email, PASSWORD).status_code == 429
    assert set(AccessAttempt.objects.values_list("username", flat=True)) == {
        admin.email,
        variant,
    }


def test_migration_normalises_stored_addresses_and_refuses_collisions():
    migration = importlib.import_module("accounts.migrations.0003_normalise_emails")
    person = UserFactory()
    User.objects.filter(pk=person.pk).update(email="Straße@Example.org")
    migration.normalise_emails(apps, None)
    person.refresh_from_db()
    assert person.email == "strasse@example.org"

    User.objects.filter(pk=person.pk).update(email="STRASSE@example.org")
    UserFactory(email="straße@example.org")
    with pytest.raises(RuntimeError, match="same address once normalised"):
        migration.normalise_emails(apps, None)


# --- The client address ----------------------------------------------------------


@pytest.mark.parametrize(
    ("behind_proxy", "proxies", "forwarded", "expected"),
    [
        # Without a proxy the header is the client's to write: ignored.
        (False, 1, "203.0.113.9", "10.0.0.2"),
        # One proxy: the entry it appended, whatever the client wrote before it.
        (True, 1, "198.51.100.7", "198.51.100.7"),
        (True, 1, "6.6.6.6, 198.51.100.7", "198.51.100.7"),
        # Two proxies: the outer one's entry, second from the right.
        (True, 2, "6.6.6.6, 198.51.100.7, 10.0.0.1", "198.51.100.7"),
        (True, 2, "198.51.100.7, 10.0.0.1", "198.51.100.7"),
        # Fewer entries than proxies, or garbage: the direct peer.
        (True, 2, "198.51.100.7", "10.0.0.2"),
        (True, 1, "not-an-address", "10.0.0.2"),
        (True, 1, "", "10.0.0.2"),
    ],
)
def test_client_address(settings, behind_proxy, proxies, forwarded, expected):
    settings.BEHIND_PROXY = behind_proxy
    settings.TRUSTED_PROXY_COUNT = proxies
    request = RequestFactory().get(
        "/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=forwarded
    )
    assert client_ip(request) == expected


def failures_from(client, count, **headers):
    for number in range(count):
        sign_in(client, f"guess{number}@example.org", "wrong", **headers)


def test_behind_the_proxy_one_networks_failures_do_not_lock_out_the_others(
    client, settings
):
    settings.BEHIND_PROXY = True
    settings.SIGNIN_FAILURE_LIMIT_PER_IP = 8
    person = UserFactory(email="focal@example.org")
    attacker = {"HTTP_X_FORWARDED_FOR": "6.6.6.6, 198.51.100.66"}
    colleague = {"HTTP_X_FORWARDED_FOR": "198.51.100.7"}
    # Every request reaches Django from the proxy's one address.
    failures_from(client, 8, REMOTE_ADDR="10.0.0.1", **attacker)
    assert sign_in(client, person.email, PASSWORD, **attacker).status_code == 429
    assert sign_in(client, person.email, PASSWORD, **colleague).status_code == 200
    assert signed_in_as(client) == person


def test_without_a_proxy_a_forged_header_does_not_escape_the_network_lock(
    client, settings
):
    settings.SIGNIN_FAILURE_LIMIT_PER_IP = 8
    person = UserFactory(email="focal@example.org")
    for number in range(8):
        sign_in(
            client,
            f"guess{number}@example.org",
            "wrong",
            HTTP_X_FORWARDED_FOR=f"198.51.100.{number}",
        )
    forged = {"HTTP_X_FORWARDED_FOR": "198.51.100.200"}
    assert sign_in(client, person.email, PASSWORD, **forged).status_code == 429
