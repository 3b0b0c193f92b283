"""Two-factor sign-in: an authenticator app (TOTP) and single-use recovery codes.

Who must use it: the secretariat and administrators always; focal points and
contributors (who edit unpublished reports as focal points do) when
REQUIRE_2FA_FOR_FOCAL_POINTS is on; anyone who has set it up. A session of such
a person that has not yet passed the second factor is half signed in: the
SecondFactorMiddleware shows it only the second-factor pages.
"""

import base64
import io

import django_otp
import segno
from django.conf import settings
from django.contrib.admin.models import CHANGE, LogEntry
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from .models import Membership

RECOVERY_CODE_COUNT = 10
# Whether this session must pass a second factor, worked out once per sign-in
# (a receiver of user_logged_in forgets it), so that pages cost no extra query.
SESSION_KEY = "second_factor_needed"


def second_factor_required(user) -> bool:
    """The person's role demands a second factor."""
    if user.is_staff or user.is_superuser or user.is_secretariat:
        return True
    writers = (Membership.Role.FOCAL_POINT, Membership.Role.CONTRIBUTOR)
    return (
        settings.REQUIRE_2FA_FOR_FOCAL_POINTS
        and user.memberships.filter(role__in=writers).exists()
    )


def second_factor_enrolled(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def second_factor_pending(user, session) -> bool:
    """Signed in with a password, but a second factor is still owed.

    A user that django_otp's middleware has not seen (just signed in) has no
    is_verified() yet, and is not verified.
    """
    is_verified = getattr(user, "is_verified", None)
    if not user.is_authenticated or (is_verified and is_verified()):
        return False
    if user.is_staff or user.is_superuser or user.is_secretariat:
        return True
    if SESSION_KEY not in session:
        session[SESSION_KEY] = second_factor_required(user) or second_factor_enrolled(
            user
        )
    return session[SESSION_KEY]


def authenticator_start(*, user) -> TOTPDevice:
    """The authenticator being set up; it counts only once a code confirms it."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(
            user=user, name="Authenticator app", confirmed=False
        )
    return device


def authenticator_secret(device: TOTPDevice) -> str:
    """The secret as people type it into an app: base32 in groups of four."""
    secret = base64.b32encode(device.bin_key).decode()
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def authenticator_qr_svg(device: TOTPDevice) -> str:
    """The otpauth:// address as an SVG QR code, drawn here, with no style="".

    The page's Content-Security-Policy forbids inline styles; segno draws with
    the fill and stroke attributes only.
    """
    out = io.BytesIO()
    segno.make(device.config_url, error="m").save(
        out,
        kind="svg",
        xmldecl=False,
        svgns=True,
        scale=4,
        border=4,
        dark="#000",
        light="#fff",
        svgclass="qr-code",
        lineclass=None,
        title=_("QR code of the authenticator secret"),
    )
    # An image to assistive technology, named by the SVG's own <title>.
    return out.getvalue().decode().replace("<svg ", '<svg role="img" ', 1)


@transaction.atomic
def authenticator_confirm(*, user, code: str) -> TOTPDevice | None:
    """Confirm the authenticator being set up with a code it shows; None if wrong.

    It replaces any earlier authenticator of the person.
    """
    device = (
        TOTPDevice.objects.select_for_update()
        .filter(user=user, confirmed=False)
        .first()
    )
    if device is None or not device.verify_token(_compact(code)):
        return None
    TOTPDevice.objects.filter(user=user, confirmed=True).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return device


@transaction.atomic
def recovery_codes_create(*, user) -> list[str]:
    """A new set of single-use recovery codes; earlier ones stop working."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name="Recovery codes")
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(
        StaticToken(device=device, token=code) for code in codes
    )
    return codes


def second_factor_check(*, user, code: str):
    """The device that accepts `code`, or None.

    Six digits go to the authenticator, anything else to the recovery codes, so
    that a mistyped code counts against one device's throttle, not both.
    """
    code = _compact(code)
    model = TOTPDevice if code.isdigit() and len(code) == 6 else StaticDevice
    device = model.objects.filter(user=user, confirmed=True).first()
    if device is None:
        return None
    return django_otp.verify_token(user, device.persistent_id, code)


def _compact(code: str) -> str:
    return "".join(code.split()).replace("-", "").lower()


@transaction.atomic
def second_factor_remove(*, user) -> None:
    """The person turns their second factor off, where their role allows it."""
    if second_factor_required(user):
        raise PermissionDenied(_("Your role requires two-factor sign-in."))
    _devices_delete(user)


@transaction.atomic
def second_factor_reset(*, person, by) -> None:
    """An administrator removes a person's second factor (a lost phone).

    The person sets it up again at their next sign-in if their role requires
    it. Recorded in the admin's history of the person.
    """
    if not (by.is_active and by.has_perm("accounts.change_user")):
        raise PermissionDenied(_("Only an administrator may reset two-factor sign-in."))
    _devices_delete(person)
    LogEntry.objects.log_actions(
        user_id=by.pk,
        queryset=[person],
        action_flag=CHANGE,
        change_message=f"Reset two-factor sign-in of {person.email} (by {by.email}).",
        single_object=True,
    )


def _devices_delete(user) -> None:
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()


def second_factor_forget(session) -> None:
    """Work out anew, at the next request, whether this session owes a second
    factor: after a sign-in, or when the person's roles changed."""
    session.pop(SESSION_KEY, None)


def forget_on_sign_in(sender, request, user, **kwargs) -> None:
    """Work out anew, at each sign-in, whether the session owes a second factor.

    Connected to user_logged_in: a session kept across a sign-in (Django keeps
    the data of the same person's session) must not keep an old answer.
    """
    if request is not None and hasattr(request, "session"):
        second_factor_forget(request.session)
