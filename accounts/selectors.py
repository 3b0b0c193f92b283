import re
from typing import NamedTuple

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse

from common.languages import shown_in_language
from common.statements import fixed_read
from common.text import fold

from .models import Membership, Participant

CODE = re.compile(r"[A-Za-z]{2,12}")


def participant_list(*, kind: str | None = None) -> list[Participant]:
    """Participants sorted by their name in the active language, accents aside."""
    participants = Participant.objects.all()
    if kind:
        participants = participants.filter(kind=kind)
    return sorted(participants, key=lambda p: (p.kind != "state", fold(p.name)))


class ParticipantRow(NamedTuple):
    """What lists of participants show of each: no model, no translation
    descriptor (the name is the one of the active language already)."""

    id: int
    code: str
    kind: str
    name: str
    acronym: str

    @property
    def pk(self) -> int:
        return self.id

    def get_kind_display(self) -> str:
        return str(Participant.Kind(self.kind).label)


@fixed_read()
def _participants_shown():
    """Every participant in the order of participant_list(), with its name and
    acronym in the active language."""
    return (
        Participant.objects.by_name()
        .annotate(
            shown=shown_in_language("name"),
            shown_acronym=shown_in_language("acronym"),
        )
        .values("pk", "code", "kind", "shown", "shown_acronym")
    )


def participant_rows(*, kind: str | None = None) -> list[ParticipantRow]:
    """The participants of participant_list(), in its order, as rows read in
    one query (for the matrix: 48 models cost more than the query)."""
    return [
        ParticipantRow(
            row["pk"], row["code"], row["kind"], row["shown"], row["shown_acronym"]
        )
        for row in _participants_shown()
        if kind is None or row["kind"] == kind
    ]


def participant_names(*, kind: str | None = None) -> list[tuple[str, str]]:
    """(code, name in the active language) of each participant, in the order
    of participant_list(), from participant_rows()."""
    return [(row.code, row.name) for row in participant_rows(kind=kind)]


def participant_get(*, code: str) -> Participant:
    # Codes are letters only: anything else (a NUL, which PostgreSQL refuses
    # in a query) names no participant.
    if not CODE.fullmatch(code):
        raise Http404
    return get_object_or_404(Participant, code=code.upper())


def participant_shown(*, code: str) -> ParticipantRow:
    """The participant of `code` as the public pages show it: its row of
    participant_rows() (a fixed statement), 404 when there is none."""
    if CODE.fullmatch(code):
        code = code.upper()
        for row in participant_rows():
            if row.code == code:
                return row
    raise Http404


def participant_figures() -> dict:
    """The participants the home page counts, as querysets to count."""
    return {
        "states": Participant.objects.filter(kind=Participant.Kind.STATE),
        "jswg_entities": Participant.objects.filter(kind=Participant.Kind.JSWG),
    }


def participants_for(user, *, editable: bool = False, contributing: bool = False):
    """Participants a signed-in person reports for (or may read, as observer).

    Contributors, who see only the reports of the mandates given to them, are
    left out unless `contributing` asks for them too: a caller that forgets
    them shows them less, never more. `editable` keeps the focal points (and,
    with `contributing`, the contributors).
    """
    if not user.is_authenticated:
        return Participant.objects.none()
    Role = Membership.Role
    roles = [Role.FOCAL_POINT] if editable else list(Membership.WHOLE_PARTICIPANT)
    if contributing:
        roles.append(Role.CONTRIBUTOR)
    memberships = user.memberships.filter(role__in=roles)
    return Participant.objects.filter(
        pk__in=memberships.values("participant_id")
    ).order_by("kind", "code")


def is_member(
    user, participant: Participant, *, editable: bool = False, contributing=False
) -> bool:
    return (
        participants_for(user, editable=editable, contributing=contributing)
        .filter(pk=participant.pk)
        .exists()
    )


def sees_private_of(user, participant: Participant) -> bool:
    """Focal points, observers and the secretariat see all of a participant's
    unpublished work. Contributors do not: progress.access lets them see the
    reports of their mandates, and nothing else of the participant."""
    if not user.is_authenticated:
        return False
    return user.is_secretariat or is_member(user, participant)


def landing_page(user) -> str:
    """Where a person starts after signing in, when they asked for no page:
    the review queue for the secretariat, the workspace for the members of a
    participant (whatever their role), the organisation's workspace for the
    members of a civil-society organisation, the home page for anyone else.

    The pages are named, not imported: accounts sits below progress.
    """
    if user.is_authenticated and user.is_secretariat:
        return reverse("progress:review_queue")
    if user.is_authenticated and user.memberships.exists():
        return reverse("progress:workspace_index")
    # A member of a civil-society organisation (civil_society.Member, named by
    # its relation: accounts sits below civil_society).
    if user.is_authenticated and hasattr(user, "organisation_member"):
        return reverse("civil_society:workspace")
    return reverse("home")
