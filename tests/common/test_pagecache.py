"""The whole-page cache: who is served a stored page, what is stored, and how.

Against the real Redis; writes run their on_commit hooks, as a commit would.
"""

import io
import socket
import time

import pytest
from django.contrib import messages
from django.core.handlers.base import BaseHandler
from django.core.management import call_command
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.test import RequestFactory

from common import pagecache
from common.pagecache import public_page
from lima_portal.devstack import free_port
from tests.conftest import SignInClient

pytestmark = pytest.mark.django_db

SIGNED_IN = "Signed in as"


@pytest.fixture(autouse=True)
def _store_usable():
    """A test that makes Redis fail must not pause the store for the next one."""
    pagecache._paused_until = 0.0
    yield
    pagecache._paused_until = 0.0


def test_an_anonymous_page_is_computed_once_then_served_as_stored(
    client, page_cache, settings
):
    first = client.get("/en/participants/")
    second = client.get("/en/participants/")
    assert (first["X-Page-Cache"], second["X-Page-Cache"]) == ("miss", "hit")
    assert second.content == first.content
    assert second["ETag"] == first["ETag"]
    assert second["Cache-Control"] == first["Cache-Control"]
    assert set(second["Cache-Control"].split(", ")) == {
        "public",
        f"max-age={settings.PAGE_CACHE_MAX_AGE}",
        f"s-maxage={settings.PAGE_CACHE_SHARED_MAX_AGE}",
    }
    assert not second.cookies


def test_a_public_api_answer_is_stored_but_never_for_a_token(client, page_cache):
    assert client.get("/api/v1/sections/")["X-Page-Cache"] == "miss"
    assert client.get("/api/v1/sections/")["X-Page-Cache"] == "hit"
    with_token = client.get("/api/v1/sections/", HTTP_AUTHORIZATION="Token nope")
    assert with_token.status_code == 401
    assert "X-Page-Cache" not in with_token
    assert "private" in with_token["Cache-Control"]


def test_a_signed_in_persons_page_is_never_served_to_anyone_else(
    client, page_cache, focal
):
    person = SignInClient()
    person.force_login(focal)
    theirs = person.get("/en/")
    assert SIGNED_IN in theirs.content.decode()
    assert "X-Page-Cache" not in theirs
    assert "ETag" not in theirs
    assert {"private", "no-store"} <= set(theirs["Cache-Control"].split(", "))
    anonymous = client.get("/en/")
    assert SIGNED_IN not in anonymous.content.decode()
    assert client.get("/en/")["X-Page-Cache"] == "hit"
    # ... and the anonymous page, now stored, is never served to the person.
    again = person.get("/en/")
    assert SIGNED_IN in again.content.decode()
    assert "X-Page-Cache" not in again


def test_each_language_gets_its_own_page(client, page_cache):
    english, spanish = client.get("/en/mandates/"), client.get("/es/mandates/")
    assert client.get("/es/mandates/")["X-Page-Cache"] == "hit"
    assert client.get("/es/mandates/").content == spanish.content
    assert client.get("/en/mandates/").content == english.content
    assert '<html lang="es">' in spanish.content.decode()
    assert english["ETag"] != spanish["ETag"]
    # The API has no language in its address: the visitor's language decides.
    en = client.get("/api/v1/sections/", HTTP_ACCEPT_LANGUAGE="en")
    es = client.get("/api/v1/sections/", HTTP_ACCEPT_LANGUAGE="es")
    assert en["Content-Language"] == "en" and es["Content-Language"] == "es"
    assert en.content != es.content
    assert (
        client.get("/api/v1/sections/", HTTP_ACCEPT_LANGUAGE="es").content == es.content
    )


def test_json_and_the_browsable_api_get_their_own_answers(client, page_cache):
    json = client.get("/api/v1/cycles/", HTTP_ACCEPT="application/json")
    html = client.get("/api/v1/cycles/", HTTP_ACCEPT="text/html")
    assert html["Content-Type"].startswith("text/html")
    again = client.get("/api/v1/cycles/", HTTP_ACCEPT="application/json")
    assert again["X-Page-Cache"] == "hit"
    assert again["Content-Type"] == json["Content-Type"] == "application/json"


def test_each_query_string_gets_its_own_page(client, page_cache):
    every_mandate = client.get("/api/v1/mandates/")
    one_mandate = client.get("/api/v1/mandates/?number=13")
    assert one_mandate["X-Page-Cache"] == "miss"
    assert one_mandate.json()["count"] == 1
    assert every_mandate.json()["count"] == 57
    assert client.get("/api/v1/mandates/?number=13").json()["count"] == 1
    assert client.get("/api/v1/mandates/").json()["count"] == 57


def test_a_matching_etag_is_answered_304_and_a_stale_one_in_full(client, page_cache):
    etag = client.get("/en/mandates/")["ETag"]
    not_modified = client.get("/en/mandates/", HTTP_IF_NONE_MATCH=etag)
    assert not_modified.status_code == 304
    assert not_modified.content == b""
    assert not_modified["ETag"] == etag
    assert "public" in not_modified["Cache-Control"]
    stale = client.get("/en/mandates/", HTTP_IF_NONE_MATCH='"an-older-version"')
    assert stale.status_code == 200
    assert stale["ETag"] == etag


def test_a_publication_changes_the_etag_and_the_content(
    client, page_cache, draft, publish, django_capture_on_commit_callbacks
):
    before = client.get("/api/v1/reports/")
    assert client.get("/api/v1/reports/")["X-Page-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        publish(draft)
    stale = client.get("/api/v1/reports/", HTTP_IF_NONE_MATCH=before["ETag"])
    assert stale.status_code == 200
    assert stale["X-Page-Cache"] == "miss"
    assert stale["ETag"] != before["ETag"]
    assert stale.json()["count"] == before.json()["count"] + 1


def test_a_write_changes_nothing_until_its_transaction_commits(
    client, page_cache, mandate, django_capture_on_commit_callbacks
):
    client.get("/en/mandates/")
    with django_capture_on_commit_callbacks() as callbacks:
        mandate.save()
    assert client.get("/en/mandates/")["X-Page-Cache"] == "hit"
    callbacks[0]()  # the commit
    assert client.get("/en/mandates/")["X-Page-Cache"] == "miss"


def test_the_purge_command_makes_every_stored_page_out_of_date(client, page_cache):
    etag = client.get("/en/")["ETag"]
    call_command("purge_public_cache", stdout=io.StringIO())
    fresh = client.get("/en/")
    assert fresh["X-Page-Cache"] == "miss"
    assert fresh["ETag"] != etag


# --- What is never stored ------------------------------------------------------------


def _sets_a_cookie(request):
    response = HttpResponse("page")
    response.set_cookie("chosen", "1")
    return response


def _uses_a_csrf_token(request):
    return HttpResponse(f"<input value='{get_token(request)}'>")


def _shows_a_message(request):
    messages.info(request, "Saved.")
    return HttpResponse(f"{[str(m) for m in messages.get_messages(request)]}")


def _private(request):
    response = HttpResponse("page")
    response["Cache-Control"] = "private"
    return response


def _not_found(request):
    return HttpResponse("gone", status=404)


@pytest.mark.parametrize(
    "view", [_sets_a_cookie, _uses_a_csrf_token, _shows_a_message, _private, _not_found]
)
def test_an_answer_that_is_not_the_same_for_everyone_is_never_stored(
    page_cache, view, settings
):
    """Through the whole middleware stack, as the portal's own views are."""
    handler = OneViewHandler(view)
    path = f"/en/test-{view.__name__}/"
    first = handler.get_response(RequestFactory().get(path))
    second = handler.get_response(RequestFactory().get(path))
    assert second.get("X-Page-Cache") != "hit"
    assert "public" not in second.get("Cache-Control", "")
    assert first.content == second.content or view is _uses_a_csrf_token


class OneViewHandler(BaseHandler):
    """Django's request handler with every middleware, around one opted-in view."""

    def __init__(self, view):
        super().__init__()
        self.view = public_page(view)
        self.load_middleware()

    def _get_response(self, request):
        return self.view(request)


def test_a_view_that_does_not_opt_in_is_never_stored(client, page_cache):
    client.get("/en/account/sign-in/")
    second = client.get("/en/account/sign-in/")
    assert "X-Page-Cache" not in second


def test_pending_messages_are_shown_rather_than_a_stored_page(client, page_cache):
    client.get("/en/mandates/")
    client.cookies["messages"] = "whatever it holds"
    assert client.get("/en/mandates/")["X-Page-Cache"] != "hit"


# --- Failing open --------------------------------------------------------------------


def test_a_redis_that_does_not_answer_leaves_pages_computed_as_usual(
    client, page_cache, settings, mandate, django_capture_on_commit_callbacks
):
    settings.CACHES = {
        **settings.CACHES,
        "pages": {
            **settings.CACHES["pages"],
            "LOCATION": f"redis://127.0.0.1:{free_port()}/0",  # nothing listens
        },
    }
    for _ in range(2):
        response = client.get("/en/mandates/")
        assert response.status_code == 200
        assert "ETag" not in response
    with django_capture_on_commit_callbacks(execute=True):
        mandate.save()  # the new version cannot be written: the save stands
    assert client.get("/en/mandates/").status_code == 200


def test_a_redis_that_hangs_costs_one_short_wait_then_is_left_alone(
    client, page_cache, settings
):
    with socket.socket() as silent:  # accepts connections, never answers
        silent.bind(("127.0.0.1", 0))
        silent.listen(8)
        settings.CACHES = {
            **settings.CACHES,
            "pages": {
                **settings.CACHES["pages"],
                "LOCATION": f"redis://127.0.0.1:{silent.getsockname()[1]}/0",
            },
        }
        waits = []
        for _ in range(3):
            started = time.perf_counter()
            assert client.get("/en/mandates/").status_code == 200
            waits.append(time.perf_counter() - started)
    assert pagecache._paused_until > time.monotonic(), "the store was given up"
    assert waits[0] < 2, waits
