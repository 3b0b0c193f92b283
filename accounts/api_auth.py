"""API tokens under the lock-out, and rate limits that outlive Redis.

A wrong token is a failed way in like a wrong password: it is counted in the
lock-out against the client's address, and once that address is locked the
API answers 429 with Retry-After instead of 401. The lock-out lives in the
database, so this holds with Redis down.

The general rate limits (DRF's anon/user throttles) count in Redis, through a
cache with short socket timeouts. When Redis cannot answer they let the request
through: they protect the servers' capacity, not the accounts, and refusing
every API call because a counter is unreachable would be the worse failure.
"""

import logging

from django.core.cache import caches
from django.utils.connection import ConnectionProxy
from redis.exceptions import RedisError
from rest_framework import exceptions
from rest_framework.authentication import TokenAuthentication
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle

from . import lockout

log = logging.getLogger(__name__)


class LockoutTokenAuthentication(TokenAuthentication):
    """DRF's token scheme, with wrong tokens counted in the lock-out."""

    def authenticate(self, request):
        # DRF makes one instance per request; the credential check needs it.
        self.http_request = request._request
        return super().authenticate(request)

    def authenticate_credentials(self, key):
        request = self.http_request
        if lockout.is_locked(request, address=None):
            self._refuse(request)
        try:
            return super().authenticate_credentials(key)
        except exceptions.AuthenticationFailed:
            if lockout.failure_record(request, address=None, sender=__name__):
                self._refuse(request)
            raise

    @staticmethod
    def _refuse(request):
        raise exceptions.Throttled(
            wait=lockout.seconds_until_unlocked(request, address=None)
        )


class _FailOpen:
    """Let the request through, and say so in the log, when Redis fails."""

    cache = ConnectionProxy(caches, "throttle")

    def get_ident(self, request):
        # The same client address as the lock-out, proxies and all.
        return lockout.client_ip(request) or "unknown"

    def allow_request(self, request, view):
        try:
            return super().allow_request(request, view)
        except RedisError as error:
            log.warning("API rate limit not applied, Redis failed: %s", error)
            return True


class AnonThrottle(_FailOpen, AnonRateThrottle):
    pass


class UserThrottle(_FailOpen, UserRateThrottle):
    pass
