"""Writes about contributors: invite, resend, cancel, accept, change, revoke.

Only focal points of the participant invite, change and revoke. Each function
runs in one transaction and raises ValidationError or PermissionDenied with a
message that can be shown to the person as it is.
"""

from functools import partial

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.addresses import normalise_email
from accounts.models import Membership, User
from accounts.selectors import is_member
from accounts.services import person_create, user_sessions_end
from common import queue
from common.invitations import invitation_refusal, new_token
from common.languages import active_language

from ..models import ContributorInvitation, ContributorMandate
from ..tasks import send_contributor_invitation

Role = Membership.Role
EMAIL_LIMIT = ContributorInvitation._meta.get_field("email").max_length


def _send(invitation: ContributorInvitation, token: str) -> None:
    # The secret travels to the worker in the task's arguments, as it travels
    # to the mail server in the email: it is stored nowhere else.
    pk = invitation.pk
    transaction.on_commit(
        partial(queue.send_or_log, send_contributor_invitation, pk, token)
    )


def _require_focal_point(user, participant) -> None:
    if not is_member(user, participant, editable=True):
        raise PermissionDenied(
            _("Only a focal point of %(participant)s manages its contributors.")
            % {"participant": participant.name}
        )


def _clean_email(email: str) -> str:
    email = normalise_email(email or "")
    if len(email) > EMAIL_LIMIT:
        raise ValidationError({"email": _("This address is too long.")})
    try:
        validate_email(email)
    except ValidationError:
        raise ValidationError({"email": _("Enter a valid email address.")}) from None
    return email


def _clean_mandates(mandates) -> list:
    mandates = list(mandates or [])
    if not mandates:
        raise ValidationError(
            {"mandates": _("Choose at least one mandate for the contributor.")}
        )
    return mandates


def _refuse_members(participant, email: str) -> None:
    role = (
        Membership.objects.filter(participant=participant, user__email=email)
        .values_list("role", flat=True)
        .first()
    )
    refusals = {
        Role.FOCAL_POINT: _("%(email)s is already a focal point of %(participant)s."),
        Role.OBSERVER: _(
            "%(email)s is already an observer of %(participant)s; the portal's "
            "administrators change the roles of observers."
        ),
        Role.CONTRIBUTOR: _(
            "%(email)s is already a contributor of %(participant)s: change their "
            "mandates on their page instead."
        ),
    }
    if role in refusals:
        raise ValidationError(
            {"email": refusals[role] % {"email": email, "participant": participant}}
        )


@transaction.atomic
def contributor_invite(
    *, user, participant, email: str, mandates
) -> ContributorInvitation:
    """Invite an address to draft `mandates` of the participant; emails the link.

    An earlier invitation of the same address that is still pending is
    cancelled: its link stops working, the new one counts.
    """
    _require_focal_point(user, participant)
    email = _clean_email(email)
    mandates = _clean_mandates(mandates)
    _refuse_members(participant, email)
    now = timezone.now()
    ContributorInvitation.objects.filter(
        participant=participant, email=email, accepted_at=None, revoked_at=None
    ).update(revoked_at=now)
    invitation = ContributorInvitation(
        participant=participant,
        email=email,
        invited_by=user,
        language=active_language(),
        created_at=now,
    )
    token = new_token(invitation)
    try:
        with transaction.atomic():
            invitation.save()
    except IntegrityError:  # the same address invited at the same moment
        raise ValidationError(
            {"email": _("%(email)s was invited a moment ago.") % {"email": email}}
        ) from None
    invitation.mandates.set(mandates)
    _send(invitation, token)
    return invitation


def _lock_pending(invitation: ContributorInvitation) -> ContributorInvitation:
    current = ContributorInvitation.objects.select_for_update().get(pk=invitation.pk)
    if not current.is_pending:
        raise ValidationError(
            _("This invitation was accepted or cancelled in the meantime.")
        )
    return current


@transaction.atomic
def invitation_resend(*, user, invitation) -> ContributorInvitation:
    """A new link (the earlier one stops working), valid INVITATION_DAYS again."""
    _require_focal_point(user, invitation.participant)
    current = _lock_pending(invitation)
    token = new_token(current)
    current.save(update_fields=["token_hash", "expires_at"])
    _send(current, token)
    return current


@transaction.atomic
def invitation_cancel(*, user, invitation) -> ContributorInvitation:
    _require_focal_point(user, invitation.participant)
    current = _lock_pending(invitation)
    current.revoked_at = timezone.now()
    current.save(update_fields=["revoked_at"])
    return current


@transaction.atomic
def invitation_accept(*, invitation, user) -> Membership:
    """Make the signed-in person a contributor, as the invitation says."""
    current = ContributorInvitation.objects.select_for_update().get(pk=invitation.pk)
    refusal = invitation_refusal(current)
    if refusal:
        raise ValidationError(refusal)
    if normalise_email(user.email) != current.email:
        raise PermissionDenied(
            _(
                "This invitation was sent to %(email)s; you are signed in with "
                "another address."
            )
            % {"email": current.email}
        )
    if Membership.objects.filter(user=user, participant=current.participant).exists():
        raise ValidationError(
            _("You are already a member of %(participant)s.")
            % {"participant": current.participant}
        )
    membership = Membership(
        user=user, participant=current.participant, role=Role.CONTRIBUTOR
    )
    membership._history_user = current.invited_by
    membership.save()
    ContributorMandate.objects.bulk_create(
        ContributorMandate(membership=membership, mandate=mandate)
        for mandate in current.mandates.all()
    )
    current.accepted_at, current.accepted_by = timezone.now(), user
    current.save(update_fields=["accepted_at", "accepted_by"])
    return membership


@transaction.atomic
def invitation_accept_as_new(
    *, invitation, full_name: str, password: str, language: str
) -> User:
    """An account for the invited address (the form checked the password),
    made a contributor at once."""
    refusal = invitation_refusal(invitation)
    if refusal:
        raise ValidationError(refusal)
    user = person_create(
        email=invitation.email,
        full_name=full_name,
        password=password,
        language=language,
    )
    invitation_accept(invitation=invitation, user=user)
    return user


def _lock_contributor(user, membership) -> Membership:
    _require_focal_point(user, membership.participant)
    current = (
        Membership.objects.select_for_update()
        .select_related("user", "participant")
        .filter(pk=membership.pk, role=Role.CONTRIBUTOR)
        .first()
    )
    if current is None:
        raise ValidationError(_("This person is no longer a contributor."))
    return current


@transaction.atomic
def contributor_mandates_set(
    *, user, membership, mandates, expected: set[int] | None = None
) -> Membership:
    """Give the contributor exactly `mandates`.

    `expected` is the set of mandate numbers the focal point's form showed:
    if another focal point changed them since, nothing is saved.
    """
    current = _lock_contributor(user, membership)
    mandates = _clean_mandates(mandates)
    rows = current.contributor_mandates.select_related("mandate")
    if expected is not None and {r.mandate.number for r in rows} != set(expected):
        raise ValidationError(
            _(
                "Another focal point changed this contributor's mandates while you "
                "were choosing; the page now shows their choice. Choose again."
            ),
            code="stale",
        )
    wanted = {mandate.pk for mandate in mandates}
    rows.exclude(mandate__in=wanted).delete()
    have = set(rows.values_list("mandate_id", flat=True))
    ContributorMandate.objects.bulk_create(
        ContributorMandate(membership=current, mandate_id=pk) for pk in wanted - have
    )
    return current


@transaction.atomic
def contributor_revoke(*, user, membership) -> None:
    """The person stops contributing; their sessions and API token end at once
    (they sign in again for any other role they hold)."""
    current = _lock_contributor(user, membership)
    current._history_user = user
    current.delete()
    user_sessions_end(user=current.user)
