"""Whole public pages and public API answers, kept in Redis per content version.

Public content changes only when the secretariat publishes or edits, so what an
anonymous visitor is shown is computed once per *published-content version*,
language, address (scheme, host, path and query string) and Accept header, then
served as stored until the next change.

- Views opt in: `@public_page` on a view function, `PublicApiMixin` on a DRF
  view set. Only their answers are ever stored.
- `PageCacheMiddleware`, placed before the session middleware, answers an
  anonymous GET from the store (or 304 when its ETag matches) without running
  the rest of the stack, and stores what an opted-in view answered an anonymous
  visitor when nothing in it belongs to one person.
- `public_content_changed()`: every write that changes what the public sees
  calls it (lima_portal.public_content connects it to the models); once the
  transaction commits, the version changes, so every stored page is out of date
  at once, on every node. A request tags what it stores with the version it read
  *before* computing the page, so a page computed while a publication commits is
  never kept under the new version.

Anonymous means no Authorization header and no session cookie (what nginx's
configuration checks too): a signed-in person's pages are never served from or
put in the store, and they are marked `private, no-store` so that no proxy or
CDN keeps them. A request carrying pending messages (the messages cookie) is
computed, so that it shows them.

Never stored: anything but a 200 to a GET; an answer that sets a cookie (a CSRF
token used by the page sets the CSRF cookie, so a page with a POST form is
never kept: the public pages' forms, the search and the language links, are
GET); one that shows or queues messages; one marked private or no-store.

Fails open: a Redis that errs or is slower than the store's socket timeout
(settings.CACHES["pages"]) means the page is computed as usual; after an error
the store is left alone for a few seconds, so that a hanging Redis costs one
time-out now and then, not one per request.
"""

import hashlib
import logging
import secrets
import time
from functools import wraps

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import caches
from django.db import transaction
from django.http import HttpResponse
from django.utils import translation
from django.utils.cache import get_conditional_response, patch_cache_control

logger = logging.getLogger(__name__)

ALIAS = "pages"
VERSION_KEY = "version"
STATUS_HEADER = "X-Page-Cache"
MARK = "public_page"
PAUSE_AFTER_ERROR = 5.0  # seconds without the store after one of its errors
_paused_until = 0.0


# --- Opting in ---------------------------------------------------------------------


def public_page(view):
    """Let the page cache keep what `view` answers anonymous visitors."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        setattr(response, MARK, True)
        return response

    return wrapped


class PublicApiMixin:
    """`public_page` for a DRF view set: its GET answers may be kept."""

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        setattr(response, MARK, True)
        return response


# --- The version -------------------------------------------------------------------


def public_content_changed(using: str | None = None) -> None:
    """Every stored page is out of date once the current transaction commits;
    a rolled-back transaction changes nothing."""
    transaction.on_commit(bump_version, using=using, robust=True)


def bump_version() -> bool:
    """A new version now, and whether Redis took it. Tried even while reads are
    paused: it matters more than a read."""
    try:
        caches[ALIAS].set(VERSION_KEY, _new_version(), timeout=None)
    except Exception as error:
        # The stored pages expire after PAGE_CACHE_SECONDS all the same.
        logger.error("Public pages could not be invalidated: %s", error)
        _pause(error)
        return False
    return True


def _new_version() -> str:
    # Never an earlier value again, even after Redis lost it: an ETag a client
    # kept from before can never match a page of later content.
    return f"{time.time_ns():x}-{secrets.token_hex(4)}"


# --- The store ---------------------------------------------------------------------


def _usable() -> bool:
    return settings.PAGE_CACHE_ENABLED and time.monotonic() >= _paused_until


def _pause(error: Exception) -> None:
    global _paused_until
    _paused_until = time.monotonic() + PAUSE_AFTER_ERROR
    logger.warning("Page cache skipped for %s s: %s", PAUSE_AFTER_ERROR, error)


def _read(key: str) -> tuple[str | None, tuple | None]:
    """The current version and the entry stored at `key`, in one round trip."""
    if not _usable():
        return None, None
    try:
        store = caches[ALIAS]
        found = store.get_many([VERSION_KEY, key])
        version = found.get(VERSION_KEY)
        if version is None:  # Redis was emptied: start a version nobody has seen
            new = _new_version()
            # Another process may have started one first: then that one holds.
            added = store.add(VERSION_KEY, new, timeout=None)
            version = new if added else store.get(VERSION_KEY)
    except Exception as error:
        _pause(error)
        return None, None
    return version, found.get(key)


def _write(key: str, version: str, response: HttpResponse) -> None:
    entry = (version, response.status_code, list(response.items()), response.content)
    try:
        caches[ALIAS].set(key, entry, timeout=settings.PAGE_CACHE_SECONDS)
    except Exception as error:
        _pause(error)


def page_key(request) -> str:
    """Language, whole address (the API's links name the host and scheme), and
    the Accept header: the API answers JSON or its browsable HTML page by it."""
    language = translation.get_language_from_request(request, check_path=True)
    accept = request.META.get("HTTP_ACCEPT", "")
    address = f"{language} {accept} {request.build_absolute_uri()}"
    return "page:" + hashlib.sha256(address.encode()).hexdigest()


def _etag(version: str, key: str) -> str:
    digest = hashlib.sha256(f"{version} {key}".encode()).hexdigest()[:32]
    return f'"{digest}"'


# --- Who asks, and what may be kept -------------------------------------------------


def is_personal(request) -> bool:
    """Someone who may be signed in: a session or an API token."""
    return bool(
        request.META.get("HTTP_AUTHORIZATION")
        or settings.SESSION_COOKIE_NAME in request.COOKIES
    )


def _shareable(request, response) -> bool:
    cache_control = response.get("Cache-Control", "")
    return (
        getattr(response, MARK, False)
        and response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not len(getattr(request, "_messages", ()))
        and not any(word in cache_control for word in ("private", "no-store"))
        and "*" not in response.get("Vary", "")
    )


def _mark_public(response, etag: str | None) -> None:
    patch_cache_control(
        response,
        public=True,
        max_age=settings.PAGE_CACHE_MAX_AGE,
        s_maxage=settings.PAGE_CACHE_SHARED_MAX_AGE,
    )
    if etag:
        response["ETag"] = etag
    response[STATUS_HEADER] = "miss"


def _mark_private(response) -> None:
    if not response.has_header("Cache-Control"):
        patch_cache_control(response, private=True, no_store=True)


def _stored_response(request, version: str, key: str, entry: tuple) -> HttpResponse:
    _version, status, headers, content = entry
    response = HttpResponse(content, status=status)
    for name, value in headers:
        response[name] = value
    response[STATUS_HEADER] = "hit"
    return get_conditional_response(
        request, etag=_etag(version, key), response=response
    )


# --- The middleware ------------------------------------------------------------------


class PageCacheMiddleware:
    """Serves and stores the public pages of anonymous visitors (see above)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if is_personal(request):
            response = self.get_response(request)
            _mark_private(response)
            return response
        if request.method != "GET":
            return self.get_response(request)
        key = page_key(request)
        version, entry = _read(key)
        pending_messages = CookieStorage.cookie_name in request.COOKIES
        if entry is not None and entry[0] == version and not pending_messages:
            return _stored_response(request, version, key, entry)
        response = self.get_response(request)
        if _shareable(request, response):
            etag = _etag(version, key) if version else None
            _mark_public(response, etag)
            if version:
                _write(key, version, response)
                return get_conditional_response(request, etag=etag, response=response)
        return response
