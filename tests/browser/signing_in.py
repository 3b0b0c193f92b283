"""Signing in through the real pages: password, then the authenticator's code."""

from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import User
from tests.factories import authenticator_code


def give_second_factor(page, email: str) -> None:
    """Type the code that the person's phone would show, if they have one."""
    user = User.objects.get(email=email)
    if TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        page.get_by_label("Code").fill(authenticator_code(user))
        page.get_by_role("button", name="Verify").click()
