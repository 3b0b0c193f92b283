"""Slow down password guessing and mail bombing.

After repeated failed sign-ins, signing in is refused for a while; password
reset emails are limited per address and per client IP. Counted in the cache
(Redis), so the limits hold across web processes.
"""

from django.conf import settings
from django.core.cache import cache

from common.text import fold

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


def _count(key: str, window: int) -> int:
    """One more in the window that the first one opened; the new total."""
    if cache.add(key, 1, timeout=window):
        return 1
    try:
        return cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.set(key, 1, timeout=window)
        return 1


def signin_failed(email: str, ip: str) -> None:
    for key in _keys(email, ip):
        _count(key, LOCK_SECONDS)


def signin_succeeded(email: str) -> None:
    cache.delete(_keys(email, "")[0])


RESETS_PER_ADDRESS = 3
RESETS_PER_IP = 10
RESET_WINDOW_SECONDS = 60 * 60


def password_reset_allowed(email: str, ip: str) -> bool:
    """Count a reset request; False once the hour's allowance is spent."""
    per_address = _count(f"reset:email:{fold(email.strip())}", RESET_WINDOW_SECONDS)
    per_ip = _count(f"reset:ip:{ip}", RESET_WINDOW_SECONDS)
    return per_address <= RESETS_PER_ADDRESS and per_ip <= RESETS_PER_IP
