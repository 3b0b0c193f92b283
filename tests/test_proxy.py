"""docker/nginx.conf, the proxy in front of the web replicas, checked without Docker.

nginx itself checks the syntax (`nginx -t`, Debian's nginx that `make test`
installs); the facts the deployment relies on are read from the parsed
directives: where requests go, what the portal is told, and what may be cached.
tests/lima_portal/test_multinode.py runs the same file in front of gunicorn.
"""

import re
import subprocess
from pathlib import Path

import pytest
import yaml

from common.uploads import MAX_BYTES
from tests.servers import nginx_binary, nginx_test_config

ROOT = Path(__file__).resolve().parent.parent
CONF = ROOT / "docker" / "nginx.conf"
TOKEN = re.compile(r"\"(?:\\.|[^\"])*\"|'(?:\\.|[^'])*'|[{};]|[^\s{};\"']+")


def parse(text: str) -> list[tuple[str, list[str], list]]:
    """nginx's configuration as (name, arguments, block) triples, nested."""
    text = re.sub(r"(?m)#.*$", "", text)  # no "#" inside a value in this file
    root: list = []
    stack, words = [root], []
    for token in TOKEN.findall(text):
        if token == ";":
            stack[-1].append((words[0], words[1:], []))
            words = []
        elif token == "{":
            block: list = []
            stack[-1].append((words[0], words[1:], block))
            stack.append(block)
            words = []
        elif token == "}":
            stack.pop()
        else:
            words.append(token.strip("\"'"))
    assert len(stack) == 1 and not words, "unbalanced braces or a missing ;"
    return root


def find(tree: list, name: str) -> list[list[str]]:
    """The arguments of every `name` directive, at any depth."""
    found = []
    for directive, arguments, block in tree:
        if directive == name:
            found.append(arguments)
        found += find(block, name)
    return found


def one(tree: list, name: str) -> list[str]:
    (arguments,) = find(tree, name)
    return arguments


@pytest.fixture(scope="module")
def conf() -> list:
    return parse(CONF.read_text())


def test_nginx_accepts_the_configuration(tmp_path):
    nginx = nginx_binary()
    if not nginx:
        pytest.skip("nginx is missing: `make test` installs it when run as root")
    config = nginx_test_config(CONF.read_text(), tmp_path)
    result = subprocess.run(
        [nginx, "-t", "-p", str(tmp_path), "-c", str(config), "-e", "stderr"],
        capture_output=True, text=True, timeout=30,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "syntax is ok" in result.stderr


def test_the_parser_sees_what_nginx_would(conf):
    assert one(conf, "listen") == ["8080"]
    with pytest.raises(AssertionError):
        parse("http { server { listen 80; }")


def test_requests_go_to_every_web_replica_resolved_at_run_time(conf):
    """Docker's DNS gives every replica's address for "web"; a variable in
    proxy_pass makes nginx ask it again once the answer's short life is over."""
    web = yaml.safe_load((ROOT / "docker-compose.yml").read_text())["services"]["web"]
    address, valid, *_ = one(conf, "resolver")
    assert address == "127.0.0.11"
    assert int(valid.removeprefix("valid=").removesuffix("s")) <= 30
    variable, target = one(conf, "set")
    assert target == f"http://web:{web['expose'][0]}"
    assert one(conf, "proxy_pass") == [variable]
    assert find(conf, "upstream") == [], "an upstream block resolves only once"


def test_the_portal_learns_the_client_address_and_scheme(conf):
    headers = {args[0]: args[1] for args in find(conf, "proxy_set_header")}
    assert headers["X-Forwarded-For"] == "$proxy_add_x_forwarded_for"
    assert headers["X-Forwarded-Proto"] == "$client_scheme"
    assert headers["Host"] == "$host"
    schemes = dict(find_map(conf, "$http_x_forwarded_proto"))
    assert schemes == {"default": "$http_x_forwarded_proto", "": "$scheme"}


def find_map(conf: list, source: str) -> list[tuple[str, str]]:
    for directive, arguments, block in walk(conf):
        if directive == "map" and arguments[0] == source:
            return [(name, args[0]) for name, args, _ in block]
    raise AssertionError(f"no map of {source}")


def walk(tree: list):
    for directive, arguments, block in tree:
        yield directive, arguments, block
        yield from walk(block)


def test_only_anonymous_requests_share_cached_answers(conf):
    assert one(conf, "proxy_cache") == ["portal"]
    personal = one(conf, "proxy_no_cache")
    assert one(conf, "proxy_cache_bypass") == personal == ["$personal"]
    sessions = find_map(conf, "$http_cookie")
    assert ("~(^|;)\\s*sessionid=", "1") in sessions
    assert dict(find_map(conf, "$has_session:$http_authorization")) == {
        "0:": "0",
        "default": "1",
    }


def test_only_the_portal_says_what_may_be_cached(conf):
    """No lifetime of nginx's own, and the portal's headers are all obeyed:
    an answer that sets a cookie or says private/no-store is never stored."""
    assert find(conf, "proxy_cache_valid") == []
    ignored = {h.lower() for args in find(conf, "proxy_ignore_headers") for h in args}
    assert not ignored & {"set-cookie", "cache-control", "expires", "vary"}
    assert "$cookie_sessionid" not in " ".join(one(conf, "proxy_cache_key"))


def test_an_expired_copy_is_checked_with_the_portal_by_its_etag(conf):
    """The portal answers a matching If-None-Match with a 304 from its own page
    cache (common.pagecache): renewing a copy costs no page."""
    assert one(conf, "proxy_cache_revalidate") == ["on"]


def test_cache_lives_on_the_volume_the_proxy_mounts(conf):
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    mounts = [v.split(":")[1] for v in compose["services"]["proxy"]["volumes"]]
    path = one(conf, "proxy_cache_path")[0]
    assert any(path.startswith(mount + "/") for mount in mounts)


def test_uploads_up_to_the_portal_limit_get_through(conf):
    (size,) = one(conf, "client_max_body_size")
    assert size.endswith("m")
    assert int(size[:-1]) * 1024 * 1024 > MAX_BYTES
