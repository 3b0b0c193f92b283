"""Every route × every persona, against the rules of access_rules/access_routes.

The routes come from the URL configuration itself (the i18n pages under /en/,
the API router with its format suffixes, the admin, the schema and the health
check), so a route added without a rule, or whose URL cannot be filled from
the test's records, fails here with its name.

Each request runs in a savepoint that is rolled back after it: every cell sees
the same records, and a write that a persona may make cannot change the next
cell. A refusal must also have written nothing: PostgreSQL's own per-
transaction counters (pg_stat_xact_user_tables) are compared around it.
"""

import json
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.admin.utils import quote
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.urls import URLResolver, get_resolver, resolve, reverse

from good_practices.models import GoodPractice

from ..conftest import SignInClient
from .access_routes import DEFAULT_KWARGS, ROUTES
from .access_rules import (
    ADMIN_SIGN_IN_PAGE,
    PERSONAS,
    SIGN_IN_PAGE,
    Outcome,
    Ref,
    Route,
    admin_page,
    admin_route,
)
from .access_world import world

# Sessions are saved on every request (SESSION_SAVE_EVERY_REQUEST), refusals too.
NOT_A_WRITE = {"django_session"}


@dataclass(frozen=True)
class Endpoint:
    key: str  # "namespace:name", or the pattern of an unnamed route
    name: str | None
    pattern: str
    kwargs: tuple[str, ...]
    positional: int
    namespace: str


def endpoints(resolver=None, prefix="", namespace="") -> Iterator[Endpoint]:
    for entry in (resolver or get_resolver()).url_patterns:
        # Joined as Django's resolve() reports a route: without inner "^".
        pattern = prefix + str(entry.pattern).removeprefix("^")
        if isinstance(entry, URLResolver):
            inner = ":".join(filter(None, [namespace, entry.namespace]))
            yield from endpoints(entry, pattern, inner)
            continue
        regex = entry.pattern.regex
        name = f"{namespace}:{entry.name}" if namespace and entry.name else entry.name
        yield Endpoint(
            key=name or pattern,
            name=name,
            pattern=pattern,
            kwargs=tuple(regex.groupindex),
            positional=regex.groups - len(regex.groupindex),
            namespace=namespace,
        )


class Unfillable(Exception):
    pass


def routes_for(endpoint: Endpoint) -> tuple[Route, ...]:
    if endpoint.namespace == "admin":
        return (admin_route(admin_page(endpoint.name, endpoint.pattern)),)
    route = ROUTES.get(endpoint.key)
    if route is None:
        raise Unfillable(
            f"new route {endpoint.key!r} ({endpoint.pattern}): add a rule to "
            "tests/lima_portal/access_routes.py"
        )
    return route if isinstance(route, tuple) else (route,)


def value(item, data):
    """A Ref's record (as its primary key) or value; anything else as it is."""
    if not isinstance(item, Ref):
        return item
    found = data[item.key]
    return getattr(found, "pk", found)


def _admin_model_object(endpoint: Endpoint):
    app_label, model_name = endpoint.pattern.split("/")[1:3]
    model = apps.get_model(app_label, model_name)
    obj = model._default_manager.order_by("pk").first()
    if obj is None:
        raise Unfillable(
            f"{endpoint.key}: no {model.__name__} to show; add one in access_world"
        )
    return obj


def _admin_arguments(endpoint: Endpoint, data) -> tuple[list, dict]:
    if endpoint.pattern.startswith("admin/r/"):  # view on site
        kind = ContentType.objects.get_for_model(GoodPractice)
        return [], {
            "content_type_id": kind.pk,
            "object_id": data["published_practice"].pk,
        }
    special = {"app_label": "accounts", "id": data["owner"].pk, "url": "no-such-page/"}
    kwargs = {k: special[k] for k in endpoint.kwargs if k in special}
    if "object_id" not in endpoint.kwargs and not endpoint.positional:
        return [], kwargs
    obj = _admin_model_object(endpoint)
    if endpoint.positional:  # django-simple-history: the object, then a version
        version = obj.history.order_by("history_id").first()
        if version is None:
            raise Unfillable(f"{endpoint.key}: the object has no history")
        return [quote(obj.pk), version.history_id], kwargs
    return [], {**kwargs, "object_id": quote(obj.pk)}


def url_for(endpoint: Endpoint, route: Route, data) -> str:
    if endpoint.namespace == "admin":
        args, kwargs = _admin_arguments(endpoint, data)
    else:
        given = {**DEFAULT_KWARGS, **route.kwargs}
        missing = [k for k in endpoint.kwargs if k not in given]
        if missing or endpoint.positional:
            raise Unfillable(f"{endpoint.key}: give {missing} in its rule's kwargs")
        args, kwargs = [], {k: value(given[k], data) for k in endpoint.kwargs}
    if endpoint.name:
        url = reverse(endpoint.name, args=args, kwargs=kwargs)
    else:
        url = "/" + _fill(endpoint.pattern, kwargs)
    resolved = resolve(url).route
    if resolved != endpoint.pattern:
        raise Unfillable(f"{endpoint.key}: {url} resolves to {resolved} instead")
    return url


def _fill(pattern: str, kwargs: dict) -> str:
    """An unnamed route's URL: its converters and groups given their values."""
    filled = re.sub(r"\(\?P<(\w+)>[^)]*\)", lambda m: str(kwargs[m[1]]), pattern)
    filled = re.sub(r"<(?:\w+:)?(\w+)>", lambda m: str(kwargs[m[1]]), filled)
    return filled.removesuffix("$")


# --- One cell -------------------------------------------------------------------------


def writes_so_far() -> Counter:
    """Rows this transaction inserted, updated or deleted, by table."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT relname, n_tup_ins + n_tup_upd + n_tup_del "
            "FROM pg_stat_xact_user_tables"
        )
        return Counter({t: n for t, n in cursor.fetchall() if t not in NOT_A_WRITE})


def send(client, method: str, url: str, route: Route, data):
    if method == "get":
        return client.get(url)
    body = {k: value(v, data) for k, v in route.body.items()}
    if route.json:
        return getattr(client, method)(
            url, json.dumps(body), content_type="application/json"
        )
    return getattr(client, method)(url, body)


def mismatch(response, outcome: Outcome, asked: str, data) -> str | None:
    location = response.get("Location", "")
    got = f"{response.status_code}" + (f" to {location}" if location else "")
    if response.status_code != outcome.status:
        return got
    if outcome.status != 302:
        return None
    where = urlsplit(location)
    sign_in = {name: reverse(name) for name in (SIGN_IN_PAGE, ADMIN_SIGN_IN_PAGE)}
    if outcome.to in sign_in:
        next_url = parse_qs(where.query).get("next", [""])[0]
        wanted = (sign_in[outcome.to], outcome.next_url or asked)
        return None if (where.path, next_url) == wanted else got
    if outcome.to is None:
        return None if where.path not in sign_in.values() else got
    kwargs = {k: value(v, data) for k, v in outcome.to_kwargs}
    return None if where.path == reverse(outcome.to, kwargs=kwargs) else got


def run_cell(client, method: str, url: str, route: Route, outcome, data):
    asked = f"{url}?{route.query}" if route.query else url
    savepoint = transaction.savepoint()
    try:
        before = writes_so_far()
        response = send(client, method, asked, route, data)
        if response.streaming:  # reading it to the end closes the file
            b"".join(response.streaming_content)
        problem = mismatch(response, outcome, asked, data)
        written = writes_so_far() - before
        if problem is None and outcome.refusal and written:
            problem = f"refused, yet wrote to {sorted(written)}"
    except Exception as error:  # a 500: the test client raises the view's error
        problem = f"raised {error!r}"
    finally:
        transaction.savepoint_rollback(savepoint)
    return problem


# --- The matrix -----------------------------------------------------------------------


def signed_in(persona: str, data) -> SignInClient:
    client = SignInClient()
    if persona != "anonymous":
        client.force_login(data[persona])
    return client


def session_of(client) -> str:
    cookie = client.cookies.get(settings.SESSION_COOKIE_NAME)
    return cookie.value if cookie else ""


def test_every_route_has_a_rule_and_every_rule_a_route():
    problems = []
    for endpoint in endpoints():
        try:
            routes_for(endpoint)
        except Unfillable as error:
            problems.append(str(error))
    stale = set(ROUTES) - {endpoint.key for endpoint in endpoints()}
    problems += [f"rule for {key!r}, which no route has any more" for key in stale]
    assert not problems, "\n".join(problems)


def test_a_new_route_is_named_until_it_has_a_rule():
    new = Endpoint("progress:new", "progress:new", "en/new/<int:pk>/", ("pk",), 0, "")
    with pytest.raises(Unfillable, match="new route 'progress:new'.*add a rule"):
        routes_for(new)
    with pytest.raises(Unfillable, match=r"give \['pk'\]"):
        url_for(new, Route(get=ROUTES["home"].get), data={})


@pytest.mark.django_db
@pytest.mark.parametrize("persona", PERSONAS)
def test_access_matrix(persona, media):
    data = world()
    client = signed_in(persona, data)
    problems, cells = [], 0
    for endpoint in endpoints():
        try:
            cases = [(r, url_for(endpoint, r, data)) for r in routes_for(endpoint)]
        except Unfillable as error:
            problems.append(str(error))
            continue
        for route, url in cases:
            for method, rule in (("get", route.get), (route.method, route.write)):
                outcome = rule[persona] if rule else None
                if outcome is None:
                    continue
                cells += 1
                session = session_of(client)
                problem = run_cell(client, method, url, route, outcome, data)
                if problem:
                    problems.append(
                        f"{method.upper()} {url} ({endpoint.key}): expected "
                        f"{outcome}, got {problem}"
                    )
                if session_of(client) != session:  # signed out, or a new session
                    client = signed_in(persona, data)
    print(f"{persona}: {cells} cells, {len(problems)} mismatches")
    assert not problems, f"{len(problems)} of {cells} cells for {persona}:\n" + (
        "\n".join(problems)
    )
