"""Second-factor pages: give a code, set up an authenticator, manage it.

The verify and set-up pages serve half-signed-in sessions (they are exempt from
SecondFactorMiddleware); the settings page and its actions need a full session.
"""

import django_otp
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken

from .. import lockout
from ..forms import AuthenticatorConfirmForm, SecondFactorForm
from ..middleware import second_factor_exempt
from ..selectors import landing_page
from ..two_factor import (
    SESSION_KEY,
    authenticator_confirm,
    authenticator_qr_svg,
    authenticator_secret,
    authenticator_start,
    recovery_codes_create,
    second_factor_check,
    second_factor_enrolled,
    second_factor_pending,
    second_factor_remove,
    second_factor_required,
)

NEW_CODES_KEY = "recovery_codes_new"


def _next_url(request) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    safe = url_has_allowed_host_and_scheme(
        candidate, {request.get_host()}, require_https=request.is_secure()
    )
    return candidate if safe else ""


def _locked(request):
    logout(request)
    return lockout.lockout_response(request)


@second_factor_exempt
@login_required
def second_factor_verify(request):
    user, next_url = request.user, _next_url(request)
    if not second_factor_pending(user, request.session):
        return redirect(next_url or landing_page(user))
    if not second_factor_enrolled(user):
        return redirect(_with_next("accounts:two_factor_enrol", next_url))
    if lockout.is_locked(request, address=user.email):
        return _locked(request)
    form = SecondFactorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = second_factor_check(user=user, code=form.cleaned_data["code"])
        if device is not None:
            django_otp.login(request, device)
            _note_recovery_code_use(request, device)
            return redirect(next_url or landing_page(user))
        if lockout.failure_record(request, address=user.email, sender=__name__):
            return _locked(request)
        form.add_error(
            "code",
            _(
                "This code is not right, or it has expired. Codes change every 30 "
                "seconds; after several wrong ones, wait a little before the next."
            ),
        )
    return render(
        request, "accounts/two_factor_verify.html", {"form": form, "next": next_url}
    )


def _note_recovery_code_use(request, device) -> None:
    if isinstance(device, StaticDevice):
        left = StaticToken.objects.filter(device=device).count()
        messages.warning(
            request,
            _(
                "You signed in with a recovery code; %(left)s are left. Make new "
                "ones on the two-factor sign-in page if you run short."
            )
            % {"left": left},
        )


def _with_next(url_name: str, next_url: str) -> str:
    url = reverse(url_name)
    return f"{url}?{urlencode({'next': next_url})}" if next_url else url


@second_factor_exempt
@login_required
def second_factor_enrol(request):
    user, next_url = request.user, _next_url(request)
    if second_factor_enrolled(user) and second_factor_pending(user, request.session):
        # Adding an authenticator needs the current one: a password alone
        # must not be enough to take over the second factor.
        return redirect(_with_next("accounts:two_factor_verify", next_url))
    device = authenticator_start(user=user)
    form = AuthenticatorConfirmForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        confirmed = authenticator_confirm(user=user, code=form.cleaned_data["code"])
        if confirmed is not None:
            # Set up while signing in: after the codes, on to the person's page.
            if not next_url and second_factor_pending(user, request.session):
                next_url = landing_page(user)
            request.session[NEW_CODES_KEY] = recovery_codes_create(user=user)
            request.session[SESSION_KEY] = True
            django_otp.login(request, confirmed)
            return redirect(_with_next("accounts:recovery_codes", next_url))
        form.add_error(
            "code",
            _("This code is not right. Check the app's clock and type the new code."),
        )
    context = {
        "form": form,
        "next": next_url,
        "qr_svg": authenticator_qr_svg(device),
        "secret": authenticator_secret(device),
        "required": second_factor_required(user),
    }
    return render(request, "accounts/two_factor_enrol.html", context)


@login_required
def recovery_codes(request):
    """The new recovery codes, shown once."""
    codes = request.session.pop(NEW_CODES_KEY, None)
    if not codes:
        return redirect("accounts:two_factor")
    return render(
        request,
        "accounts/recovery_codes.html",
        {"codes": codes, "next": _next_url(request)},
    )


@login_required
def second_factor_settings(request):
    user = request.user
    codes_left = StaticToken.objects.filter(device__user=user).count()
    context = {
        "enrolled": second_factor_enrolled(user),
        "required": second_factor_required(user),
        "codes_left": codes_left,
    }
    return render(request, "accounts/two_factor.html", context)


@require_POST
@login_required
def recovery_codes_regenerate(request):
    if not second_factor_enrolled(request.user):
        return redirect("accounts:two_factor")
    request.session[NEW_CODES_KEY] = recovery_codes_create(user=request.user)
    return redirect("accounts:recovery_codes")


@require_POST
@login_required
def second_factor_turn_off(request):
    try:
        second_factor_remove(user=request.user)
    except PermissionDenied as refusal:
        messages.error(request, str(refusal))
        return redirect("accounts:two_factor")
    request.session[SESSION_KEY] = False
    messages.success(request, _("Two-factor sign-in is off."))
    return redirect("accounts:two_factor")
