"""Slow down password guessing: after repeated failed sign-ins, refuse for a while.

Counted per address and per client IP in the cache (Redis), so it holds across
web processes. A success clears the address's count.
"""

from django.conf import settings
from django.core.cache import cache

from lima_portal.text import fold

MAX_FAILURES = getattr(settings, "SIGNIN_MAX_FAILURES", 5)
LOCK_SECONDS = getattr(settings, "SIGNIN_LOCK_SECONDS", 15 * 60)
# An IP may try more addresses than one address may be tried, but not without end.
MAX_FAILURES_PER_IP = MAX_FAILURES * 4


def _keys(email: str, ip: str) -> tuple[str, str]:
    return f"signin:email:{fold(email.strip())}", f"signin:ip:{ip}"


def signin_locked(email: str, ip: str) -> bool:
    email_key, ip_key = _keys(email, ip)
    counts = cache.get_many([email_key, ip_key])
    return (
        counts.get(email_key, 0) >= MAX_FAILURES
        or counts.get(ip_key, 0) >= MAX_FAILURES_PER_IP
    )


def signin_failed(email: str, ip: str) -> None:
    for key in _keys(email, ip):
        # add() starts the window; incr() keeps its expiry.
        if not cache.add(key, 1, timeout=LOCK_SECONDS):
            try:
                cache.incr(key)
            except ValueError:
                cache.set(key, 1, timeout=LOCK_SECONDS)


def signin_succeeded(email: str) -> None:
    cache.delete(_keys(email, "")[0])
