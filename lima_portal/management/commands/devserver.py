"""Django's development server with a bound on the database connections it holds.

`make run` serves with this. runserver opens a thread per request, and each
thread opens a connection of its own: 200 visitors at once would ask PostgreSQL
for 200 connections, more than its default `max_connections` of 100. Here at
most WEB_DB_CONNECTIONS requests run at once (the others wait their turn, as
with gunicorn's fixed workers), and each one's connection is closed when its
answer has been sent, whatever DB_CONN_MAX_AGE says: a thread never serves a
second request, so a kept connection could never be used again.

Written here because runserver has no such option and no library adds one; it
stays the same command otherwise (whitenoise's, which serves static files the
way production does).
"""

import threading

from django.conf import settings
from django.core.management import get_commands, load_command_class
from django.core.servers.basehttp import WSGIServer
from django.db import connections

_Runserver = type(load_command_class(get_commands()["runserver"], "runserver"))


class _Answer:
    """The application's answer; giving the slot back when it is closed."""

    def __init__(self, answer, release):
        self.answer, self.release = answer, release

    def __iter__(self):
        return iter(self.answer)

    def close(self):
        try:
            if hasattr(self.answer, "close"):
                self.answer.close()  # request_finished: Django's own clean-up
        finally:
            connections.close_all()
            self.release()


def bounded(application, slots: int):
    """A WSGI application that runs at most `slots` requests at once, each
    holding its slot, and so at most one connection, until its answer is sent."""
    semaphore = threading.BoundedSemaphore(slots)

    def application_with_slots(environ, start_response):
        semaphore.acquire()
        try:
            answer = application(environ, start_response)
        except BaseException:
            connections.close_all()
            semaphore.release()
            raise
        return _Answer(answer, semaphore.release)

    return application_with_slots


class _PatientServer(WSGIServer):
    """Visitors beyond the first 10 at once wait in the kernel's queue instead of
    having their connections dropped and retried seconds later (runserver's
    queue holds 10; the kernel caps this at net.core.somaxconn)."""

    request_queue_size = 1024


class Command(_Runserver):
    help = (
        "runserver, serving at most WEB_DB_CONNECTIONS requests at once and "
        "closing each request's database connection after it."
    )
    server_cls = _PatientServer

    def get_handler(self, *args, **options):
        return bounded(
            super().get_handler(*args, **options), settings.WEB_DB_CONNECTIONS
        )
