"""What every route answers to every persona: the rules of the access matrix.

test_access_matrix walks the URL configuration and checks each route against
its entry here, for each persona; a route without an entry fails that test.
Answers are written as rules (who reads a private record, who edits it...), so
a new route is given the rule it obeys rather than a row of numbers.

Personas: `anonymous`; `owner`, a focal point of ARG, which owns the records;
`contributor`, a contributor of ARG given mandates 40 (the draft's) and 41 (a
returned report's), not 42 (the `unassigned` draft's); `other`, a focal point
of BRA; `observer`, an observer of ARG; `member`, an
organisation member (of an approved civil-society organisation, which owns the
observations); `secretariat`; `administrator` (staff and superuser). The last
two passed their second factor.
"""

from dataclasses import dataclass, field
from types import MappingProxyType

PERSONAS = (
    "anonymous",
    "owner",
    "contributor",
    "other",
    "observer",
    "member",
    "secretariat",
    "administrator",
)


@dataclass(frozen=True)
class Ref:
    """A value taken from the test's records (a primary key, a token...)."""

    key: str


@dataclass(frozen=True)
class Outcome:
    """An expected answer: a status and, for a redirect, where it leads.

    `to` names a URL (with `to_kwargs`), or is SIGN_IN_PAGE / ADMIN_SIGN_IN_PAGE;
    None accepts any redirect that is not to a sign-in page. `next_url` is the
    `next` a sign-in redirect must carry; None means the page asked for.
    A refusal must change nothing in the database.
    """

    status: int
    to: str | None = None
    to_kwargs: tuple = ()
    next_url: str | None = None
    refusal: bool = False

    def __str__(self) -> str:
        if self.status != 302:
            return str(self.status)
        return f"302 to {self.to or 'a page'}" + (" (refused)" if self.refusal else "")


SIGN_IN_PAGE = "accounts:login"
ADMIN_SIGN_IN_PAGE = "admin:login"

OK = Outcome(200)
BAD_REQUEST = Outcome(400)
UNAUTHORIZED = Outcome(401, refusal=True)
FORBIDDEN = Outcome(403, refusal=True)
NOT_FOUND = Outcome(404, refusal=True)
NOT_ALLOWED = Outcome(405, refusal=True)
SIGN_IN = Outcome(302, to=SIGN_IN_PAGE, refusal=True)
# The admin's pages send outsiders to its own sign-in, which forwards them on.
ADMIN_SIGN_IN = Outcome(302, to=ADMIN_SIGN_IN_PAGE, refusal=True)


def redirect(to: str | None = None, *, refusal: bool = False, **kwargs) -> Outcome:
    return Outcome(302, to=to, to_kwargs=tuple(kwargs.items()), refusal=refusal)


def answers(default: Outcome, **by_persona: Outcome | None) -> MappingProxyType:
    """Persona → outcome: `default` for everyone not named; None: not checked."""
    unknown = set(by_persona) - set(PERSONAS)
    assert not unknown, f"unknown personas {unknown}"
    return MappingProxyType({p: by_persona.get(p, default) for p in PERSONAS})


# --- Rules ---------------------------------------------------------------------------

PUBLIC = answers(OK)
SIGNED_IN = answers(OK, anonymous=SIGN_IN)
SECRETARIAT_ONLY = answers(NOT_FOUND, anonymous=SIGN_IN, secretariat=OK)
# Pages of the whole participant (its contributors...): a contributor, who
# works on some of its mandates only, gets 404 as an outsider does.
MEMBERS_ONLY = answers(NOT_FOUND, anonymous=SIGN_IN, owner=OK, observer=OK)
# The workspace and its spreadsheet: a contributor's shows their mandates only.
WORKSPACE = answers(NOT_FOUND, anonymous=SIGN_IN, owner=OK, contributor=OK, observer=OK)
# Unpublished work of ARG, on a page that asks nobody to sign in: whoever may
# not see it gets 404, as if it did not exist.
PRIVATE_OF_OWNER = answers(NOT_FOUND, owner=OK, observer=OK, secretariat=OK)
# ARG's unpublished report on a mandate given to the contributor: they read it
# too. On another mandate (the `unassigned` draft) it is PRIVATE_OF_OWNER.
PRIVATE_OF_MANDATE = answers(
    NOT_FOUND, owner=OK, contributor=OK, observer=OK, secretariat=OK
)
# The same record as published: everyone reads it.
NOWHERE = answers(NOT_FOUND)
# @login_required before @require_POST: signing in comes first.
POST_ONLY = answers(NOT_ALLOWED, anonymous=SIGN_IN)
# @secretariat_required before @require_POST.
SECRETARIAT_POST_ONLY = answers(NOT_FOUND, anonymous=SIGN_IN, secretariat=NOT_ALLOWED)
# An organisation's unpublished observations: its members and the secretariat.
PRIVATE_OF_ORGANISATION = answers(NOT_FOUND, member=OK, secretariat=OK)
ORGANISATION_ONLY = answers(NOT_FOUND, anonymous=SIGN_IN, member=OK)
# The workspace API: tokens or a session; anonymous gets 401 with the scheme.
API_SIGNED_IN = answers(OK, anonymous=UNAUTHORIZED)


def edit_page(
    owner: Outcome, readers: Outcome, contributor: Outcome = NOT_FOUND
) -> MappingProxyType:
    """An editing page: the owner's focal point edits; those who may only read
    (the observer, the secretariat) are sent to the record with the reason; the
    rest get 404. The contributor edits a report of their mandates as the focal
    point does (give them `owner`); anything else is not theirs (404)."""
    return answers(
        NOT_FOUND,
        anonymous=SIGN_IN,
        owner=owner,
        contributor=contributor,
        observer=readers,
        secretariat=readers,
    )


def editor_write(owner: Outcome, contributor: Outcome = NOT_FOUND) -> MappingProxyType:
    """A write on ARG's record through `*_for_editor`: readers are told why not
    (403), outsiders get 404; the contributor as for edit_page."""
    return answers(
        NOT_FOUND,
        anonymous=SIGN_IN,
        owner=owner,
        contributor=contributor,
        observer=FORBIDDEN,
        secretariat=FORBIDDEN,
    )


def secretariat_write(secretariat: Outcome) -> MappingProxyType:
    return answers(NOT_FOUND, anonymous=SIGN_IN, secretariat=secretariat)


def focal_points_propose(owner: Outcome) -> MappingProxyType:
    """Proposing a practice or capacity: any focal point; others are told why."""
    return answers(FORBIDDEN, anonymous=SIGN_IN, owner=owner, other=owner)


@dataclass(frozen=True)
class Route:
    """One concrete request to a route and what each persona gets.

    `kwargs` fill the URL (values may be Ref); unnamed kwargs come from
    DEFAULT_KWARGS. `write` is checked with `method` and `body`: a body that is
    refused, or harmless, as each persona's write is rolled back after it.
    """

    get: MappingProxyType
    kwargs: dict = field(default_factory=dict)
    query: str = ""
    write: MappingProxyType | None = None
    method: str = "post"
    body: dict = field(default_factory=dict)
    json: bool = False


# --- The admin, one family of rules ------------------------------------------------
# Every admin page admits only staff whose session passed the second factor
# (OTPAdminSite); anyone else is sent to the admin's sign-in, which forwards to
# the portal's. Only the administrator is allowed in; the secretariat is not
# staff. The administrator's own writes are the admin's business (tests of the
# admin's history), so only outsiders' writes are checked here: refused.

OUTSIDERS_OF_ADMIN = answers(ADMIN_SIGN_IN, administrator=None)
# Models whose admin adds nothing: what django-axes records, and records that
# change only through the portal's pages, where the rules live.
READ_ONLY_ADMIN_MODELS = (
    "axes_accessattempt",
    "axes_accesslog",
    "axes_accessfailurelog",
    "progress_progressreport",
    "progress_evidence",
    "good_practices_goodpractice",
    "good_practices_regionalcapacity",
    "indicator_reports_reportjob",
    "progress_contributormandate",
    "progress_contributorinvitation",
    "civil_society_organisation",
    "civil_society_member",
    "civil_society_observation",
)
# Of those, the ones whose rows the admin may not delete either: contributors
# are revoked on the portal, which ends their sessions; the admin would not.
UNDELETABLE_ADMIN_MODELS = (
    "progress_contributormandate",
    "progress_contributorinvitation",
)


def admin_route(page: str) -> Route:
    """The rule of an admin page, by the kind of page (the end of its URL name,
    or `object` and `catch_all` for the admin's two unnamed routes)."""
    if page == "login":
        # Signed-in people without the admin are told so: the portal's sign-in
        # page would send them straight back here.
        rule = answers(
            FORBIDDEN,
            anonymous=Outcome(302, to=SIGN_IN_PAGE, next_url="/admin/", refusal=True),
            administrator=redirect("admin:index"),
        )
        return Route(rule, write=rule)
    if page == "logout":
        # Django's sign-out takes POST only; those not in the admin are sent
        # to its index (and on to sign in).
        rule = answers(redirect("admin:index"), administrator=NOT_ALLOWED)
        return Route(rule, write=answers(redirect("admin:index"), administrator=None))
    administrator = {
        "object": redirect(),  # the old address of a change page
        "view_on_site": redirect(),
        "catch_all": NOT_FOUND,
        "add_read_only": FORBIDDEN,
        "delete_refused": FORBIDDEN,
    }.get(page, OK)
    get = answers(ADMIN_SIGN_IN, administrator=administrator)
    # The autocomplete answers only for a field that has one.
    query = (
        "app_label=accounts&model_name=membership&field_name=participant"
        if page == "autocomplete"
        else ""
    )
    return Route(get, query=query, write=OUTSIDERS_OF_ADMIN)


def admin_page(url_name: str | None, pattern: str) -> str:
    """The kind of admin page a route is, for admin_route."""
    if url_name is None:
        return "catch_all" if "(?P<url>" in pattern else "object"
    page = url_name.removeprefix("admin:")
    if page.endswith("_add") and page.removesuffix("_add") in READ_ONLY_ADMIN_MODELS:
        return "add_read_only"
    if (
        page.endswith("_delete")
        and page.removesuffix("_delete") in UNDELETABLE_ADMIN_MODELS
    ):
        return "delete_refused"
    return page
