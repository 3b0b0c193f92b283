"""A Redis cache that fails open: when Redis is down or frozen, a read misses
and a write is skipped, after a short timeout, instead of failing the page.

The default cache holds only what can be made again (facet counts, the
health check's probe), so a page that cannot reach it is slower, never wrong.
A Redis that fails is left alone for `retry_after` seconds in this process:
without that, a page that asks the cache several times would wait out the
socket timeout each time.

Why not django-redis's IGNORE_EXCEPTIONS: it would replace Django's own Redis
backend (and its client) for one flag, and it still waits out the timeout on
every call while Redis is frozen. Counters (incr, decr) are not faked: they
raise, as a counter that silently stays at zero would be wrong.
"""

import logging
import time
from functools import wraps

from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import RedisError

log = logging.getLogger(__name__)

# What each method answers while Redis does not.
MISSES = {
    "add": False,
    "get": None,
    "set": None,
    "touch": False,
    "delete": False,
    "get_many": {},
    "has_key": False,
    "set_many": [],
    "delete_many": None,
    "clear": None,
}


def _fail_open(name: str, miss):
    method = getattr(RedisCache, name)

    def missed(args, kwargs):
        if name == "get":  # get(key, default=None, version=None)
            return kwargs.get("default", args[1] if len(args) > 1 else None)
        return miss

    @wraps(method)
    def fail_open(self, *args, **kwargs):
        if time.monotonic() < self.down_until:
            return missed(args, kwargs)
        try:
            return method(self, *args, **kwargs)
        except RedisError as error:
            self.down_until = time.monotonic() + self.retry_after
            log.warning(
                "Cache skipped for %ss, Redis failed: %s", self.retry_after, error
            )
            return missed(args, kwargs)

    return fail_open


class ReusedClients(RedisCacheClient):
    """Django's Redis client, keeping one redis.Redis per connection pool.

    Django makes a new redis.Redis for every cache call, and each one copies
    redis-py's table of some 700 response callbacks: about 0.3 ms, four times
    on a public page that is not cached yet. The object holds no connection of
    its own (the pool does, and redis-py's pool starts afresh after a fork),
    so one per pool serves every thread.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class ReusingRedisCache(RedisCache):
    """Django's Redis cache with one redis.Redis per pool (ReusedClients)."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusedClients  # Django sets its own in __init__


class FailOpenRedisCache(ReusingRedisCache):
    """Django's Redis cache; OPTIONS may add `retry_after` (seconds, default 5)
    besides redis-py's socket_connect_timeout and socket_timeout."""

    def __init__(self, server, params):
        options = dict(params.get("OPTIONS") or {})
        self.retry_after = float(options.pop("retry_after", 5))
        self.down_until = 0.0
        super().__init__(server, {**params, "OPTIONS": options})


for _name, _miss in MISSES.items():
    setattr(FailOpenRedisCache, _name, _fail_open(_name, _miss))
