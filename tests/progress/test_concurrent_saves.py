"""50 people saving one report at once, through the form and through the API.

A real server, started as `make run` starts it (the bounded development
server, threads and all), takes 50 saves of one report at the same version at
once: the optimistic lock lets exactly one through and refuses the 49 others
with 409, and the report gains exactly one version. The test's data is
committed (transactional_db) so that the server sees it.
"""

import http.cookiejar
import json
import os
import re
import urllib.error
import urllib.request
import uuid
from functools import partial
from urllib.parse import urlencode

import pytest
from django.db import connection
from rest_framework.authtoken.models import Token

from lima_portal.devstack import serve_defaults, web_server_command
from tests.servers import Server, database_url, fire, free_port, http_status

from .test_report_views import form_data

SAVES = 50
CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.fixture(scope="module")
def server(django_db_setup, tmp_path_factory):
    port = free_port()
    env = {
        **os.environ,
        **serve_defaults(port),
        "DATABASE_URL": database_url(connection.settings_dict),
        "CACHE_KEY_PREFIX": f"saves{uuid.uuid4().hex}",
    }
    log = tmp_path_factory.mktemp("saves") / "server.log"
    with Server("make run", web_server_command(port), env, log) as process:
        url = f"http://127.0.0.1:{port}"
        process.wait_until(lambda: http_status(f"{url}/healthz") == 200)
        yield url


def answer(opener, request) -> int:
    try:
        with opener.open(request, timeout=60) as response:
            return response.status
    except urllib.error.HTTPError as error:  # 409 is an answer too
        return error.code
    except OSError:
        return 0


class NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # a 302 after a save is the answer to count


def signed_in_opener(server: str, user, client) -> urllib.request.OpenerDirector:
    """A browser with `user`'s session (made by the test client, in the database)."""
    client.force_login(user)
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(jar), NoRedirects
    )
    host = server.removeprefix("http://").partition(":")[0]
    jar.set_cookie(
        http.cookiejar.Cookie(
            0, "sessionid", client.cookies["sessionid"].value, None, False, host,
            False, False, "/", True, False, None, True, None, None, {},
        )
    )  # fmt: skip
    return opener


def test_fifty_form_saves_at_once_save_one_and_refuse_49(
    server, client, transactional_db, reference_data, focal, draft
):
    opener = signed_in_opener(server, focal, client)
    edit = f"{server}/en/reports/{draft.pk}/edit/"
    with opener.open(edit, timeout=30) as page:
        token = CSRF_FIELD.search(page.read().decode())[1]
    versions_before = draft.history.count()

    def save(number: int) -> int:
        data = {
            **form_data(draft, actions_taken=f"Save {number}"),
            "csrfmiddlewaretoken": token,
        }
        request = urllib.request.Request(  # noqa: S310 (http://127.0.0.1)
            edit, data=urlencode(data).encode(), headers={"Referer": edit}
        )
        return answer(opener, request)

    statuses = fire([partial(save, n) for n in range(SAVES)], at_once=SAVES)
    assert statuses == {302: 1, 409: SAVES - 1}
    draft.refresh_from_db()
    assert draft.version == 2
    assert draft.history.count() == versions_before + 1
    assert re.fullmatch(r"Save \d+", draft.actions_taken)


def test_fifty_api_saves_at_once_save_one_and_refuse_49(
    server, transactional_db, reference_data, focal, draft
):
    key = Token.objects.create(user=focal).key
    url = f"{server}/api/v1/workspace/reports/{draft.pk}/"
    opener = urllib.request.build_opener()
    versions_before = draft.history.count()

    def save(number: int) -> int:
        request = urllib.request.Request(  # noqa: S310 (http://127.0.0.1)
            url,
            data=json.dumps({"version": 1, "results": f"Save {number}"}).encode(),
            method="PATCH",
            headers={
                "Authorization": f"Token {key}",
                "Content-Type": "application/json",
            },
        )
        return answer(opener, request)

    statuses = fire([partial(save, n) for n in range(SAVES)], at_once=SAVES)
    assert statuses == {200: 1, 409: SAVES - 1}
    draft.refresh_from_db()
    assert draft.version == 2
    assert draft.history.count() == versions_before + 1
    assert re.fullmatch(r"Save \d+", draft.results)
