"""Who reaches the contributors' pages, and which invitation a link opens.

The pages of a participant's contributors are for its focal points, who
manage them, and its observers, who read them; anyone else gets a 404.
"""

import hashlib
import hmac

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Membership
from accounts.selectors import participant_get

from ..models import ContributorInvitation
from . import selectors

# A link's secret is 43 characters; anything much longer is not one of ours.
TOKEN_LIMIT = 100


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


def token_hash(token: str) -> str:
    """What is stored of a link's secret. The secret is 32 random bytes, so a
    plain SHA-256 is enough: nobody can find a link from its hash by guessing."""
    return hashlib.sha256(token.encode()).hexdigest()


def invitation_for_link(pk: int, token: str) -> ContributorInvitation:
    """The invitation whose link this is, or 404: a wrong secret finds nothing."""
    invitation = (
        ContributorInvitation.objects.select_related("participant", "invited_by")
        .filter(pk=pk)
        .first()
    )
    if (
        invitation is None
        or len(token) > TOKEN_LIMIT
        or not hmac.compare_digest(invitation.token_hash, token_hash(token))
    ):
        raise Http404
    return invitation


def invitation_refusal(invitation: ContributorInvitation) -> str | None:
    """Why this invitation's link no longer works, or None if it does."""
    if invitation.accepted_at:
        return _("This invitation has already been used.")
    if invitation.revoked_at:
        return _("This invitation was cancelled.")
    if invitation.is_expired(timezone.now()):
        return _("This invitation has expired.")
    return None
