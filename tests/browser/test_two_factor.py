"""A new member of the secretariat sets up two-factor sign-in, as they would.

They sign in with their password, are asked to set up an authenticator, type
the secret key shown on the page into their "phone" (here: the test computes
the code from that key), keep their recovery codes, sign out, and sign in again
with password and code. Every page is checked with axe and the CSP.
"""

import base64
import time

import pytest
from django_otp.oath import TOTP
from playwright.sync_api import expect

from tests.browser.accessibility import assert_accessible
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("reference_data")]
PASSWORD = "correct horse battery"


class Phone:
    """An authenticator app holding the secret typed from the page."""

    def __init__(self, secret_text: str):
        self.key = base64.b32decode(secret_text.replace(" ", ""))
        self.last_step = -1

    def code(self) -> str:
        totp = TOTP(self.key)
        # A code works once: after using this step's, the next step's.
        totp.time = max(time.time(), (self.last_step + 1) * 30)
        self.last_step = totp.t()
        return f"{totp.token():06d}"


def sign_in_with_password(page, email: str) -> None:
    page.goto("/en/account/sign-in/?next=/en/review/")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def test_secretariat_sets_up_two_factor_and_signs_in_with_a_code(new_page):
    UserFactory(email="newcomer@example.org", is_secretariat=True, authenticator=False)
    page = new_page()
    sign_in_with_password(page, "newcomer@example.org")

    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Set up two-factor sign-in"
    )
    expect(
        page.get_by_role("img", name="QR code of the authenticator secret")
    ).to_be_visible()
    assert_accessible(page)
    phone = Phone(page.locator("#secret").inner_text())
    page.get_by_label("Code from the app").fill(phone.code())
    page.get_by_role("button", name="Confirm").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Your recovery codes")
    codes = page.get_by_role("list", name="Recovery codes").get_by_role("listitem")
    expect(codes).to_have_count(10)
    assert_accessible(page)
    page.get_by_role("link", name="I have kept them: continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Review queue")

    page.get_by_role("button", name="Sign out").click()
    sign_in_with_password(page, "newcomer@example.org")
    expect(page.get_by_role("heading", level=1)).to_have_text("Two-factor sign-in")
    assert_accessible(page)
    page.get_by_label("Code").fill("000000")
    page.get_by_role("button", name="Verify").click()
    expect(page.get_by_role("alert")).to_contain_text("This code is not right")
    assert_accessible(page)
    # django-otp makes a device wait a second after a wrong code.
    time.sleep(1.1)
    page.get_by_label("Code").fill(phone.code())
    page.get_by_role("button", name="Verify").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Review queue")
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()
