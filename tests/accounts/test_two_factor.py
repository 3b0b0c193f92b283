"""Two-factor sign-in: who must use it, enrolment, codes, the admin's reset."""

import base64
import re

import pytest
from django.contrib.admin.models import LogEntry
from django.test import Client
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import User
from accounts.two_factor import recovery_codes_create
from tests.factories import MembershipFactory, UserFactory, authenticator_code

pytestmark = pytest.mark.django_db
PASSWORD = "correct horse battery"
VERIFY = "/en/account/two-factor/verify/"
ENROL = "/en/account/two-factor/set-up/"


def sign_in(client, email, next_url=""):
    url = "/en/account/sign-in/" + (f"?next={next_url}" if next_url else "")
    return client.post(url, {"username": email, "password": PASSWORD})


def lands_on(client, url):
    return client.get(url, follow=True).redirect_chain[-1][0]


def signed_in_as(client):
    return User.objects.filter(pk=client.session.get("_auth_user_id")).first()


def give_code(client, code, next_url=""):
    return client.post(VERIFY, {"code": code, "next": next_url})


@pytest.fixture
def reviewer():
    return UserFactory(email="reviewer@example.org", is_secretariat=True)


# --- Who must give a second factor --------------------------------------------------


def test_secretariat_without_authenticator_must_set_one_up_before_the_queue(client):
    newcomer = UserFactory(is_secretariat=True, authenticator=False)
    response = sign_in(client, newcomer.email, next_url="/en/review/")
    assert response["Location"] == f"{ENROL}?next=%2Fen%2Freview%2F"
    # Half signed in: private pages ask to sign in again, which leads back here.
    queue = client.get("/en/review/", follow=True)
    assert queue.redirect_chain[-1][0] == f"{ENROL}?next=%2Fen%2Freview%2F"


def test_force_login_without_a_second_factor_is_not_enough(reviewer):
    plain = Client()  # verifies nothing, unlike the suite's client fixture
    plain.force_login(reviewer)
    response = plain.get("/en/review/", follow=True)
    assert response.redirect_chain[-1][0] == f"{VERIFY}?next=%2Fen%2Freview%2F"
    assert plain.get("/api/v1/workspace/reports/").status_code in (401, 403)


def test_half_signed_in_person_reads_public_pages_as_a_visitor(client, reviewer):
    sign_in(client, reviewer.email)
    page = client.get("/en/mandates/")
    assert page.status_code == 200
    assert not page.context["user"].is_authenticated
    assert "Sign out" not in page.content.decode()


def test_code_keeps_next_and_opens_the_queue(client, reviewer):
    response = sign_in(client, reviewer.email, next_url="/en/review/")
    assert response["Location"] == f"{VERIFY}?next=%2Fen%2Freview%2F"
    response = give_code(client, authenticator_code(reviewer), "/en/review/")
    assert response["Location"] == "/en/review/"
    assert client.get("/en/review/").status_code == 200


@pytest.mark.parametrize("required", [False, True])
def test_focal_points_need_it_only_when_the_setting_says(client, settings, required):
    settings.REQUIRE_2FA_FOR_FOCAL_POINTS = required
    focal = MembershipFactory(user__authenticator=False).user
    response = sign_in(client, focal.email)
    if required:
        assert response["Location"] == ENROL
        assert (
            lands_on(client, "/en/workspace/") == f"{ENROL}?next=%2Fen%2Fworkspace%2F"
        )
    else:
        assert response["Location"] == "/en/workspace/"
        assert lands_on(client, "/en/workspace/").startswith("/en/workspace/ZZ")


def test_focal_point_who_set_it_up_is_asked_for_the_code(client):
    focal = MembershipFactory(user__authenticator=True).user
    assert sign_in(client, focal.email)["Location"] == VERIFY
    assert lands_on(client, "/en/workspace/") == f"{VERIFY}?next=%2Fen%2Fworkspace%2F"


# --- Codes ------------------------------------------------------------------------


def test_recovery_code_works_once(client, reviewer):
    codes = recovery_codes_create(user=reviewer)
    sign_in(client, reviewer.email)
    assert give_code(client, codes[0].upper())["Location"] == "/en/review/"
    assert StaticToken.objects.filter(device__user=reviewer).count() == 9
    client.post("/en/account/sign-out/")

    sign_in(client, reviewer.email)
    page = give_code(client, codes[0])
    assert page.status_code == 200
    assert "This code is not right" in page.content.decode()
    assert client.get("/en/review/").status_code == 302


def test_wrong_codes_are_throttled_and_count_in_the_lock_out(client, reviewer):
    sign_in(client, reviewer.email)
    give_code(client, "000000")
    # django-otp makes the device wait after a wrong code: even the right one
    # is refused at once.
    refused = give_code(client, authenticator_code(reviewer))
    assert "This code is not right" in refused.content.decode()
    for _ in range(2):
        give_code(client, "000000")
    locked = give_code(client, "000000")  # the fifth failure of the address
    assert locked.status_code == 429
    assert signed_in_as(client) is None  # the half session is ended
    assert sign_in(client, reviewer.email).status_code == 429


# --- Enrolment -------------------------------------------------------------------


def secret_from(page: str) -> bytes:
    secret = re.search(r'<code class="secret" id="secret">([A-Z2-7 ]+)</code>', page)
    return base64.b32decode(secret.group(1).replace(" ", ""))


def test_enrolment_shows_an_inline_svg_and_the_secret_then_recovery_codes(client):
    newcomer = UserFactory(is_secretariat=True, authenticator=False)
    sign_in(client, newcomer.email)
    page = client.get(ENROL).content.decode()
    svg = re.search(r"<svg .*?</svg>", page, re.S).group(0)
    assert 'role="img"' in svg and "<path" in svg
    assert "style" not in svg  # the Content-Security-Policy forbids it
    assert "href" not in svg  # drawn here, nothing fetched from elsewhere

    code = f"{TOTP(secret_from(page)).token():06d}"
    response = client.post(ENROL, {"code": code})
    # Set up while signing in: after the codes, on to the review queue.
    assert response["Location"] == (
        "/en/account/two-factor/recovery-codes/?next=%2Fen%2Freview%2F"
    )
    codes_page = client.get(response["Location"]).content.decode()
    assert len(re.findall(r"<li><code>[a-z2-7]{8}</code></li>", codes_page)) == 10
    # Shown once.
    assert client.get(response["Location"]).status_code == 302
    assert client.get("/en/review/").status_code == 200
    assert TOTPDevice.objects.get(user=newcomer).confirmed


def test_a_wrong_code_does_not_confirm_the_authenticator(client):
    newcomer = UserFactory(is_secretariat=True, authenticator=False)
    sign_in(client, newcomer.email)
    client.get(ENROL)
    wrong = client.post(ENROL, {"code": "12345x"})
    assert "This code is not right" in wrong.content.decode()
    assert not TOTPDevice.objects.filter(user=newcomer, confirmed=True).exists()
    assert lands_on(client, "/en/review/") == f"{ENROL}?next=%2Fen%2Freview%2F"


def test_a_password_alone_cannot_replace_the_authenticator(client, reviewer):
    sign_in(client, reviewer.email)
    assert client.get(ENROL)["Location"] == VERIFY
    assert TOTPDevice.objects.filter(user=reviewer).count() == 1


def test_secretariat_cannot_turn_it_off_a_focal_point_can(client, reviewer):
    client.force_login(reviewer)
    client.post("/en/account/two-factor/turn-off/")
    assert TOTPDevice.objects.filter(user=reviewer).exists()

    focal = MembershipFactory(user__authenticator=True).user
    client.force_login(focal)
    client.post("/en/account/two-factor/turn-off/")
    assert not TOTPDevice.objects.filter(user=focal).exists()
    assert lands_on(client, "/en/workspace/").startswith("/en/workspace/ZZ")


def test_new_recovery_codes_replace_the_old(client, reviewer):
    old = recovery_codes_create(user=reviewer)
    client.force_login(reviewer)
    client.post("/en/account/two-factor/recovery-codes/new/")
    tokens = set(
        StaticToken.objects.filter(device__user=reviewer).values_list(
            "token", flat=True
        )
    )
    assert len(tokens) == 10
    assert not tokens & set(old)


# --- The admin -------------------------------------------------------------------


def test_admin_refuses_a_session_without_the_second_factor():
    admin = UserFactory(email="admin@example.org", is_staff=True, is_superuser=True)
    plain = Client()
    plain.force_login(admin)
    response = plain.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
    plain.get(VERIFY)  # the sign-in step owed
    verified = give_code(plain, authenticator_code(admin), "/admin/")
    assert verified["Location"] == "/admin/"
    assert plain.get("/admin/").status_code == 200


def test_administrator_resets_a_second_factor_and_it_is_recorded(client, reviewer):
    admin = UserFactory(email="admin@example.org", is_staff=True, is_superuser=True)
    recovery_codes_create(user=reviewer)
    client.force_login(admin)
    response = client.post(
        "/admin/accounts/user/",
        {"action": "reset_two_factor", "_selected_action": [reviewer.pk]},
        follow=True,
    )
    assert "Two-factor sign-in reset for 1 person" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=reviewer).exists()
    assert not StaticDevice.objects.filter(user=reviewer).exists()
    entry = LogEntry.objects.get(object_id=str(reviewer.pk))
    assert entry.user == admin
    assert entry.change_message == (
        "Reset two-factor sign-in of reviewer@example.org (by admin@example.org)."
    )
    # The reviewer sets it up again at the next sign-in.
    client.post("/en/account/sign-out/")
    assert sign_in(client, reviewer.email)["Location"] == ENROL


def test_secretariat_may_not_reset_second_factors(client, reviewer):
    from accounts.services import secretariat_grant

    secretariat_grant(user=reviewer)
    other = UserFactory(is_secretariat=True)
    client.force_login(reviewer)
    response = client.post(
        "/admin/accounts/user/",
        {"action": "reset_two_factor", "_selected_action": [other.pk]},
    )
    assert response.status_code == 403
    assert TOTPDevice.objects.filter(user=other).exists()


def test_a_code_is_accepted_once(client, reviewer):
    code = authenticator_code(reviewer)
    sign_in(client, reviewer.email)
    give_code(client, code)
    client.post("/en/account/sign-out/")
    sign_in(client, reviewer.email)
    # The device remembers the last time step used: a replayed code fails.
    assert give_code(client, code).status_code == 200
