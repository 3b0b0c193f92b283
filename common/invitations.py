"""Emailed invitations whose link is used once (common.models.Invitation).

The link carries the invitation's id and a secret of 32 random bytes; only a
hash of the secret is stored, so the emailed link is the one copy. A wrong
secret finds nothing (a 404, as if there were no invitation).
"""

import hashlib
import hmac
import secrets
from datetime import timedelta

from django.conf import settings
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

# A link's secret is 43 characters; anything much longer is not one of ours.
TOKEN_LIMIT = 100


def token_hash(token: str) -> str:
    """What is stored of a link's secret. The secret is 32 random bytes, so a
    plain SHA-256 is enough: nobody can find a link from its hash by guessing."""
    return hashlib.sha256(token.encode()).hexdigest()


def new_token(invitation, now=None) -> str:
    """A new secret for the invitation, valid INVITATION_DAYS from now; the
    caller saves the invitation and emails the secret."""
    token = secrets.token_urlsafe(32)
    invitation.token_hash = token_hash(token)
    invitation.expires_at = (now or timezone.now()) + timedelta(
        days=settings.INVITATION_DAYS
    )
    return token


def invitation_for_link(invitations, pk: int, token: str):
    """The invitation of `invitations` whose link this is, or 404."""
    invitation = invitations.filter(pk=pk).first()
    if (
        invitation is None
        or len(token) > TOKEN_LIMIT
        or not hmac.compare_digest(invitation.token_hash, token_hash(token))
    ):
        raise Http404
    return invitation


def invitation_refusal(invitation) -> str | None:
    """Why this invitation's link no longer works, or None if it does."""
    if invitation.accepted_at:
        return _("This invitation has already been used.")
    if invitation.revoked_at:
        return _("This invitation was cancelled.")
    if invitation.is_expired(timezone.now()):
        return _("This invitation has expired.")
    return None
