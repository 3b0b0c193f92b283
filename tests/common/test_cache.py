"""The default cache fails open: Redis stopped or frozen costs one short
timeout, then nothing, for `retry_after` seconds; counters are not faked."""

import os
import signal
import time

import pytest
import redis
from django.core.cache import caches

from tests.accounts.test_redis_down import own_redis, stop  # noqa: F401 (fixture)


@pytest.mark.parametrize("how", ["stopped", "frozen"])
def test_reads_miss_and_writes_are_skipped_after_one_short_wait(own_redis, how):  # noqa: F811
    cache = caches["default"]
    cache.set("kept", "value")
    assert cache.get("kept") == "value"  # Redis answers first
    if how == "frozen":
        os.kill(own_redis.pid, signal.SIGSTOP)
    else:
        stop(own_redis)

    started = time.monotonic()
    assert cache.get("kept", "default") == "default"
    assert time.monotonic() - started < 2  # one socket timeout (0.5 s), or two
    started = time.monotonic()
    for _ in range(20):  # left alone now: no wait at all
        assert cache.get("kept") is None
        assert cache.get_many(["kept"]) == {}
        assert cache.set("kept", "again") is None
        assert cache.add("new", 1) is False
    assert time.monotonic() - started < 0.1
    with pytest.raises(redis.exceptions.RedisError):
        cache._cache.get_client(write=True).ping()  # the client itself still raises


def test_redis_is_tried_again_after_retry_after(own_redis, settings):  # noqa: F811
    settings.CACHES = {
        alias: {**config, "OPTIONS": {**config.get("OPTIONS", {}), "retry_after": 0.3}}
        for alias, config in settings.CACHES.items()
    }
    cache = caches["default"]
    os.kill(own_redis.pid, signal.SIGSTOP)
    assert cache.get("key") is None  # waited, then left alone
    os.kill(own_redis.pid, signal.SIGCONT)
    assert cache.set("key", "value") is None  # still left alone: skipped
    time.sleep(0.35)
    cache.set("key", "value")  # tried again, and Redis answers
    assert cache.get("key") == "value"
