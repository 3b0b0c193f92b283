"""gunicorn settings of the load benchmark's own server; never used by a deployment.

A request that carries the header `X-Bench-Cold` finds Django's cache empty: the
worker clears it (RedisCache.clear() is a FLUSHDB of the benchmark's throwaway
Redis) just before it handles the request. The load generator sends that header
in the cold runs only, so the same server answers warm and cold runs.
"""

COLD_HEADER = "X-BENCH-COLD"  # gunicorn gives header names in capitals


def pre_request(worker, req):
    if any(name == COLD_HEADER for name, _value in req.headers):
        from django.core.cache import cache

        cache.clear()
