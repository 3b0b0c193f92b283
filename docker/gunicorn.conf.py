"""gunicorn's settings for the web service (Dockerfile CMD: `gunicorn -c ...`).

Each thread of each worker holds at most one database connection (Django keeps
one per thread, for DB_CONN_MAX_AGE seconds), so one web process holds at most
workers × threads of them. gunicorn refuses to start when that is more than
WEB_DB_CONNECTIONS, the bound the settings document: PostgreSQL's
`max_connections` must cover WEB_DB_CONNECTIONS for every web replica, plus the
worker's and beat's.
"""

import os

# WEB_CONCURRENCY (workers) is read by gunicorn itself; threads above 1 make the
# workers threaded (gthread).
threads = int(os.environ.get("WEB_THREADS") or 1)


def connection_bound() -> int:
    value = os.environ.get("WEB_DB_CONNECTIONS") or "10"
    try:
        return int(value)
    except ValueError:
        raise SystemExit(
            f"WEB_DB_CONNECTIONS={value!r} is not a whole number."
        ) from None


def on_starting(server) -> None:
    workers, threads = server.cfg.workers, server.cfg.threads
    bound = connection_bound()
    if workers * threads > bound:
        raise SystemExit(
            f"{workers} workers × {threads} threads could hold {workers * threads} "
            f"database connections, more than WEB_DB_CONNECTIONS={bound}: lower "
            "WEB_CONCURRENCY or WEB_THREADS, or raise WEB_DB_CONNECTIONS (and "
            "PostgreSQL's max_connections with it)."
        )
