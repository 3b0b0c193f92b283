"""Hand a task to the worker within a bounded time, or fail saying so.

Celery publishes through a pooled broker connection without socket timeouts: a
Redis that is frozen (accepting connections, never answering) holds the web
request until gunicorn kills its worker. Here each hand-over opens a connection
with TIMEOUT-second socket timeouts and retries once, so it returns or raises
within a few seconds. The worker's own connections keep Celery's defaults.
"""

import logging

from celery import Task

log = logging.getLogger(__name__)

TIMEOUT = 0.5
RETRY_POLICY = {
    "max_retries": 1,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.2,
}


class QueueUnavailable(Exception):
    """The broker did not take the task."""


def send(task: Task, *args) -> None:
    """Queue task(*args); QueueUnavailable when the broker does not answer."""
    options = {
        "socket_timeout": TIMEOUT,
        "socket_connect_timeout": TIMEOUT,
        # Connecting is retried once at once, not for kombu's 4 s with pauses.
        "max_retries": 1,
        "interval_start": 0,
        "interval_step": 0.2,
        "interval_max": 0.2,
        "connect_retries_timeout": 2 * TIMEOUT,
    }
    try:
        with task.app.connection_for_write(transport_options=options) as connection:
            task.apply_async(
                args, connection=connection, retry=True, retry_policy=RETRY_POLICY
            )
    except Exception as error:  # kombu's and redis-py's errors, whatever their kind
        raise QueueUnavailable(str(error) or type(error).__name__) from error


def send_or_log(task: Task, *args) -> bool:
    """For a hand-over that must not fail a request whose work is committed
    (an email about it): the failure is logged as an error naming the task and
    its arguments, and the request goes on. True when queued."""
    try:
        send(task, *args)
    except QueueUnavailable as error:
        log.error(
            "Not queued, the broker did not answer: %s%r: %s", task.name, args, error
        )
        return False
    return True
