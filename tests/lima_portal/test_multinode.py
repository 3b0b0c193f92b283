"""Two web nodes and a worker over one PostgreSQL and one Redis, as when scaled out.

Two gunicorn processes on two ports and a Celery worker process, all with
production settings, share the test database and the test Redis (one cache
namespace, as the nodes of a deployment do). A visitor's cookies go to both
nodes, as behind a load balancer: a session opened on one node is valid on the
other, failed sign-ins on one lock the account on the other, and a report
published while both have served the page shows at once on both. The compose
file's nginx configuration, run in front of a node, stores only what the portal
marks as shareable.

The nodes run with the whole-page cache on (common.pagecache), as deployed: a
publication through one shows at once on both, however often they served the
pages before.
"""

import http.cookiejar
import json
import os
import re
import shutil
import sys
import tempfile
import time
import urllib.error
import urllib.request
import uuid
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.core import mail
from django.db import connection
from django.utils.html import escape

from accounts.models import Membership, Participant
from progress import services
from tests.factories import MembershipFactory, ProgressReportFactory, UserFactory
from tests.servers import (
    ROOT,
    Server,
    collect_static,
    database_url,
    free_port,
    gunicorn_command,
    http_status,
    nginx_binary,
    nginx_test_config,
    production_env,
)

SIGN_IN = "/en/account/sign-in/"
PASSWORD = "correct horse battery"  # tests.factories.UserFactory's
CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
STYLESHEET = re.compile(r'href="(/static/css/portal\.[0-9a-f]+\.css)"')


WORKER = [
    "-m", "celery", "-A", "lima_portal", "worker", "--pool", "solo", "-l", "INFO",
    "--without-gossip", "--without-mingle", "--without-heartbeat",
]  # fmt: skip


@dataclass
class Nodes:
    a: str
    b: str
    worker: Server
    cache_prefix: str


def two_free_ports() -> tuple[int, int]:
    first = free_port()
    second = free_port()
    while second == first:
        second = free_port()
    return first, second


@pytest.fixture(scope="module")
def nodes(django_db_setup, tmp_path_factory):
    folder = tmp_path_factory.mktemp("nodes")
    prefix = f"nodes{uuid.uuid4().hex}"
    env = production_env(
        DATABASE_URL=database_url(connection.settings_dict),
        CACHE_KEY_PREFIX=prefix,
        STATIC_ROOT=str(folder / "static"),
        # The worker prints the emails it sends, so the test can read them.
        EMAIL_BACKEND="django.core.mail.backends.console.EmailBackend",
    )
    collect_static(env)
    ports = two_free_ports()
    commands = {
        "node A": gunicorn_command(ports[0]),
        "node B": gunicorn_command(ports[1]),
        "worker": [sys.executable, *WORKER],
    }
    with ExitStack() as stack:
        a, b, worker = [
            stack.enter_context(Server(name, command, env, folder / f"{name}.log"))
            for name, command in commands.items()
        ]
        # Told to stop all at once, then each is waited for.
        stack.callback(lambda: [server.terminate() for server in (a, b, worker)])
        urls = [f"http://127.0.0.1:{port}" for port in ports]
        for server, url in zip((a, b), urls, strict=True):
            server.wait_until(lambda url=url: http_status(f"{url}/healthz") == 200)
        worker.wait_until(lambda: " ready." in worker.output())
        yield Nodes(*urls, worker=worker, cache_prefix=prefix)


class Visitor:
    """One browser: one cookie jar for every node, as behind a load balancer."""

    def __init__(self):
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar)
        )

    def get(self, url: str) -> tuple[int, str, str]:
        """Status, final address (redirects followed) and text."""
        return self._open(url)

    def post_form(self, url: str, data: dict, page_url: str = "") -> tuple:
        """Post as the form on page_url (by default url itself) would."""
        _status, _url, page = self.get(page_url or url)
        token = CSRF_FIELD.search(page)[1]
        return self._open(url, urlencode({"csrfmiddlewaretoken": token, **data}))

    def _open(self, url: str, body: str | None = None) -> tuple[int, str, str]:
        data = body.encode() if body is not None else None
        try:
            with self.opener.open(url, data=data, timeout=30) as response:
                return response.status, response.url, response.read().decode()
        except urllib.error.HTTPError as error:  # a refusal is an answer too
            return error.code, url, error.read().decode()

    def sign_in(self, node: str, email: str, password: str) -> tuple[int, str, str]:
        return self.post_form(node + SIGN_IN, {"username": email, "password": password})

    def signed_in_at(self, node: str) -> bool:
        _status, final_url, _page = self.get(node + "/en/workspace/")
        return SIGN_IN not in final_url


@pytest.fixture
def focal_point(transactional_db, reference_data):
    membership = MembershipFactory(
        participant_id=_participant_id("ARG"), role=Membership.Role.FOCAL_POINT
    )
    return membership.user


def _participant_id(code: str) -> int:
    return Participant.objects.get(code=code).pk


def test_session_opened_on_one_node_holds_on_the_other(nodes, focal_point):
    visitor = Visitor()
    assert not visitor.signed_in_at(nodes.b)
    visitor.sign_in(nodes.a, focal_point.email, PASSWORD)
    assert visitor.signed_in_at(nodes.a)
    assert visitor.signed_in_at(nodes.b)
    _status, _url, page = visitor.get(nodes.b + "/en/workspace/ARG/")
    assert f"Signed in as {escape(focal_point.get_full_name())} · Argentina" in page
    visitor.post_form(nodes.b + "/en/account/sign-out/", {}, page_url=nodes.b + "/en/")
    assert not visitor.signed_in_at(nodes.a)


def test_failed_sign_ins_on_one_node_lock_the_account_on_the_other(nodes, focal_point):
    intruder = Visitor()
    for _attempt in range(5):
        intruder.sign_in(nodes.a, focal_point.email, "not the password at all")
        assert not intruder.signed_in_at(nodes.a)
    owner = Visitor()
    owner.sign_in(nodes.b, focal_point.email, PASSWORD)
    assert not owner.signed_in_at(nodes.b)
    assert not owner.signed_in_at(nodes.a)


def test_publication_shows_at_once_on_every_node(nodes, focal_point, cycle, settings):
    # The test process writes as a third node would: same cache namespaces.
    settings.CACHES = {
        "default": {**settings.CACHES["default"], "KEY_PREFIX": nodes.cache_prefix},
        "pages": {
            **settings.CACHES["pages"],
            "KEY_PREFIX": f"{nodes.cache_prefix}-pages",
        },
    }
    report = ProgressReportFactory(
        participant_id=_participant_id("ARG"),
        cycle=cycle,
        status="validated",
        published_at=None,
    )
    visitor, detail = Visitor(), f"/en/reports/{report.pk}/"
    before, listing = {}, "/en/participants/ARG/"
    for node in (nodes.a, nodes.b):  # each node has served both before
        assert visitor.get(node + detail)[0] == 404
        before[node] = _published_count(visitor, node)
        # ... and keeps the pages in its page cache, shared by both.
        assert page_cache_status(node + "/api/v1/reports/") == "hit"
        assert page_cache_status(node + listing) in ("miss", "hit")
        assert page_cache_status(node + listing) == "hit"
        assert detail not in visitor.get(node + listing)[2]
    services.report_publish(user=UserFactory(is_secretariat=True), report=report)
    for node in (nodes.b, nodes.a):
        status, _url, page = visitor.get(node + detail)
        assert status == 200
        assert report.actions_taken in page
        assert _published_count(visitor, node) == before[node] + 1
        assert detail in visitor.get(node + listing)[2]
    _wait_for(lambda: f"To: {focal_point.email}" in nodes.worker.output())
    assert mail.outbox == [], "the worker process sent it, not this one"


def page_cache_status(url: str) -> str:
    """Whether the portal served an anonymous request from its page cache."""
    with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310
        response.read()
        return response.headers["X-Page-Cache"]


def _published_count(visitor: Visitor, node: str) -> int:
    return json.loads(visitor.get(node + "/api/v1/reports/")[2])["count"]


def _wait_for(condition, seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "the worker did not send the email"
        time.sleep(0.1)


@pytest.fixture(scope="module")
def proxy(nodes):
    """docker/nginx.conf in front of node A, as the compose proxy is before web."""
    nginx = nginx_binary()
    if not nginx:
        pytest.skip("nginx is missing: `make test` installs it when run as root")
    # nginx's workers run as nobody: the cache folder must be reachable to them.
    folder = Path(tempfile.mkdtemp(prefix="lima-proxy-"))
    folder.chmod(0o755)
    port = free_port()
    config = nginx_test_config(
        (ROOT / "docker" / "nginx.conf").read_text(),
        folder,
        upstream=nodes.a.removeprefix("http://"),
        listen=f"127.0.0.1:{port}",
    )
    command = [nginx, "-p", str(folder), "-c", str(config), "-e", "stderr",
               "-g", "daemon off;"]  # fmt: skip
    try:
        with Server("proxy", command, dict(os.environ), folder / "nginx.log") as server:
            url = f"http://127.0.0.1:{port}"
            server.wait_until(lambda: http_status(f"{url}/healthz") == 200)
            yield url
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def cache_status(url: str, **headers: str) -> str:
    request = urllib.request.Request(url, headers=headers)  # noqa: S310
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
        response.read()
        return response.headers["X-Cache-Status"]


def test_proxy_stores_only_what_the_portal_marks_shareable(proxy, transactional_db):
    _status, _url, home = Visitor().get(proxy + "/en/")
    # WhiteNoise sends Cache-Control: public, max-age=... for hashed files.
    stylesheet = proxy + STYLESHEET.search(home)[1]
    assert [cache_status(stylesheet) for _ in range(2)] == ["MISS", "HIT"]
    assert cache_status(stylesheet, Cookie="sessionid=abc") == "BYPASS"
    assert cache_status(stylesheet, Authorization="Token abc") == "BYPASS"
    # Public pages are shareable for PAGE_CACHE_SHARED_MAX_AGE seconds (10).
    assert [cache_status(proxy + "/en/mandates/") for _ in range(2)] == [
        "MISS",
        "HIT",
    ]
    assert cache_status(proxy + "/en/mandates/", Cookie="sessionid=abc") == "BYPASS"
    # A page that is not public (its form sets the CSRF cookie) is never kept.
    sign_in = proxy + SIGN_IN
    assert [cache_status(sign_in) for _ in range(2)] == ["MISS", "MISS"]
