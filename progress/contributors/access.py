"""Who reaches the contributors' pages, and which invitation a link opens.

The pages of a participant's contributors are for its focal points, who
manage them, and its observers, who read them; anyone else gets a 404.
"""

from django.http import Http404
from django.shortcuts import get_object_or_404

from accounts.models import Membership
from accounts.selectors import participant_get
from common.invitations import invitation_for_link as invitations_for_link

from ..models import ContributorInvitation
from . import selectors


def participant_for_contributor_pages(user, code: str):
    """The participant, and whether this person may manage its contributors."""
    participant = participant_get(code=code)
    role = (
        Membership.objects.filter(user=user, participant=participant)
        .values_list("role", flat=True)
        .first()
    )
    if role not in Membership.WHOLE_PARTICIPANT:
        raise Http404
    return participant, role == Membership.Role.FOCAL_POINT


def contributor_of(participant, pk: int) -> Membership:
    return get_object_or_404(selectors.contributors_of(participant), pk=pk)


def invitation_of(participant, pk: int) -> ContributorInvitation:
    return get_object_or_404(selectors.pending_invitations(participant), pk=pk)


def invitation_for_link(pk: int, token: str) -> ContributorInvitation:
    """The invitation whose link this is, or 404: a wrong secret finds nothing."""
    invitations = ContributorInvitation.objects.select_related(
        "participant", "invited_by"
    )
    return invitations_for_link(invitations, pk, token)
