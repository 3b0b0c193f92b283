from django.db.models import Count, Q
from django.shortcuts import get_object_or_404

from lima_portal.text import fold

from .models import Participant


def participant_list(*, kind: str | None = None) -> list[Participant]:
    """Participants sorted by their name in the active language, accents aside."""
    participants = Participant.objects.all()
    if kind:
        participants = participants.filter(kind=kind)
    return sorted(participants, key=lambda p: (p.kind != "state", fold(p.name)))


def participant_get(*, code: str) -> Participant:
    return get_object_or_404(Participant, code=code.upper())


def participant_figures() -> dict[str, int]:
    return Participant.objects.aggregate(
        states=Count("pk", filter=Q(kind=Participant.Kind.STATE)),
        jswg_entities=Count("pk", filter=Q(kind=Participant.Kind.JSWG)),
    )
