"""One lock-out for every way in, kept by django-axes in the database.

The portal's sign-in, the admin (which sends people to that sign-in), the
second-factor step and API tokens all count their failures here, under one key
per address (normalise_email) and one per client address (client_ip). Five
failures for an address, or twenty from one network, pause signing in for 15
minutes (settings SIGNIN_*). The counts live in PostgreSQL: they hold across
web processes and survive Redis being down.
"""

import ipaddress
import math
from datetime import timedelta

from axes.handlers.database import AxesDatabaseHandler
from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_client_username
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth.signals import user_login_failed
from django.db.models import Max, Q, Sum
from django.shortcuts import render
from django.utils import timezone

from .addresses import normalise_email


def client_ip(request) -> str | None:
    """The address of the person at the other end, as far as we can trust it.

    Without BEHIND_PROXY, X-Forwarded-For is the client's to write, so only
    REMOTE_ADDR counts. Behind TRUSTED_PROXY_COUNT proxies, each proxy appends
    the address it was reached from: the entry that many places from the right
    was written by our outermost proxy, and everything left of it by the client.
    """
    remote = request.META.get("REMOTE_ADDR") or None
    if not settings.BEHIND_PROXY:
        return remote
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
    entries = [entry.strip() for entry in forwarded if entry.strip()]
    if len(entries) < settings.TRUSTED_PROXY_COUNT:
        return remote  # did not come through all our proxies
    candidate = entries[-settings.TRUSTED_PROXY_COUNT]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote


def lockout_username(request, credentials: dict | None) -> str | None:
    """The lock-out's key for an address: the account lookup's own key."""
    if credentials is not None:
        address = credentials.get("username")
    else:
        address = request.POST.get("username")
    return normalise_email(address) if address else None


def _failures(attempts) -> int:
    return attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0


class LockoutHandler(AxesDatabaseHandler):
    """Axes' database handler with a separate, higher limit per client address.

    Axes compares one count with one limit (AXES_FAILURE_LIMIT, the address
    limit). A network may fail more often than one address (an office behind
    one public address), so its count is scaled before the comparison:
    SIGNIN_FAILURE_LIMIT_PER_IP failures of a network weigh as much as
    AXES_FAILURE_LIMIT failures of an address.
    """

    def get_failures(self, request, credentials: dict | None = None) -> int:
        recent = AccessAttempt.objects.filter(attempt_time__gte=_window_start())
        username = get_client_username(request, credentials)
        by_address = _failures(recent.filter(username=username)) if username else 0
        ip = request.axes_ip_address
        by_ip = _failures(recent.filter(ip_address=ip)) if ip else 0
        scaled = (
            by_ip * settings.AXES_FAILURE_LIMIT // settings.SIGNIN_FAILURE_LIMIT_PER_IP
        )
        return max(by_address, scaled)

    def reset_user_attempts(self, request, credentials: dict | None = None) -> int:
        # A successful sign-in clears its address's count, never its network's:
        # otherwise one good account would wipe the failures of a guessing run.
        username = get_client_username(request, credentials)
        if not username:
            return 0
        deleted, _rows = AccessAttempt.objects.filter(username=username).delete()
        return deleted


def _window_start():
    return timezone.now() - settings.AXES_COOLOFF_TIME


def is_locked(request, *, address: str | None) -> bool:
    return AxesProxyHandler.is_locked(request, {"username": address})


def failure_record(request, *, address: str | None, sender: str) -> bool:
    """Count a failed way in that did not go through authenticate(); locked now?

    Django's own signal for a failed sign-in, so axes counts it as it counts
    passwords. `address` is None where the attempt names nobody (an API token).
    """
    user_login_failed.send(
        sender=sender, credentials={"username": address}, request=request
    )
    return bool(getattr(request, "axes_locked_out", False))


def address_unlock(*, address: str) -> int:
    """Clear an address's failures (after its password was reset by email)."""
    return AxesProxyHandler.reset_attempts(username=normalise_email(address))


def seconds_until_unlocked(request, *, address: str | None) -> int:
    """How long until the lock-out on this address or network ends (at least 1).

    The pause runs from the last counted failure of the address or network.
    """
    AxesProxyHandler.update_request(request)
    recent = AccessAttempt.objects.filter(attempt_time__gte=_window_start())
    whose = Q(pk__in=[])
    if address:
        whose |= Q(username=address)
    if request.axes_ip_address:
        whose |= Q(ip_address=request.axes_ip_address)
    latest = recent.filter(whose).aggregate(latest=Max("attempt_time"))["latest"]
    if latest is None:
        return 1
    left = latest + settings.AXES_COOLOFF_TIME - timezone.now()
    return max(1, math.ceil(left / timedelta(seconds=1)))


def lockout_response(request, original_response=None, credentials=None):
    """The page (or API answer) for a request that hit the lock-out.

    A response that already says 429 (the API's, with Retry-After) is kept.
    """
    if original_response is not None and original_response.status_code == 429:
        return original_response
    return render(
        request,
        "accounts/locked.html",
        {"minutes": int(settings.AXES_COOLOFF_TIME / timedelta(minutes=1))},
        status=429,
    )
