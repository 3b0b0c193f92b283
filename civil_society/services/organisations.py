"""Writes of civil society's organisations: applications, the secretariat's
decision, members and their invitations. See the package's docstring."""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.access import require_secretariat
from accounts.addresses import normalise_email
from accounts.models import Membership, User
from accounts.services import person_create
from common.invitations import new_token
from common.languages import language_codes
from common.locking import lock
from common.text import check_length, check_lengths

from .. import access
from ..models import (
    REASON_LIMIT,
    Member,
    MemberInvitation,
    Organisation,
)
from ..tasks import (
    send_application_declined,
    send_member_invitation,
)

APPLICATION_FIELDS = ("name", "website", "contact_name", "contact_email", "description")


# --- Applications ---------------------------------------------------------------


@transaction.atomic
def organisation_apply(
    *, content: dict, scope=None, accepted_code_of_conduct: bool, language: str
) -> Organisation:
    """An organisation's application, for the secretariat to decide on."""
    if not accepted_code_of_conduct:
        raise ValidationError(
            {
                "accepted_code_of_conduct": _(
                    "An organisation applies only by agreeing to the code of conduct."
                )
            }
        )
    organisation = Organisation(
        scope=scope,
        language=language if language in language_codes() else settings.LANGUAGE_CODE,
        accepted_code_of_conduct_at=timezone.now(),
    )
    for name in APPLICATION_FIELDS:
        setattr(organisation, name, (content.get(name) or "").strip())
    organisation.contact_email = normalise_email(organisation.contact_email)
    check_lengths(organisation, APPLICATION_FIELDS)
    organisation.full_clean(validate_constraints=False)
    if Organisation.objects.filter(name__iexact=organisation.name).exists():
        raise ValidationError({"name": _("An organisation with this name applied.")})
    try:
        with transaction.atomic():
            organisation.save()
    except IntegrityError:  # the same name at the same moment
        raise ValidationError(
            {"name": _("An organisation with this name applied.")}
        ) from None
    return organisation


def _lock_application(user, organisation: Organisation) -> Organisation:
    require_secretariat(user, _("Only the secretariat decides on applications."))
    current = lock(Organisation.objects.all(), organisation.pk)
    if current.status != Organisation.Status.APPLIED:
        raise ValidationError(_("This application was decided on already."))
    current.decided_by, current.decided_at = user, timezone.now()
    return current


@transaction.atomic
def organisation_approve(*, user, organisation: Organisation) -> MemberInvitation:
    """Approve; the contact person is emailed a link to make their account
    (name and password) and become the organisation's first member."""
    current = _lock_application(user, organisation)
    current.status = Organisation.Status.APPROVED
    current.save()
    return _invite(
        current,
        email=current.contact_email,
        invited_by=user,
        language=current.language,
        approval=True,
    )


@transaction.atomic
def organisation_decline(*, user, organisation: Organisation, reason: str):
    """Decline with a reason, which the contact person is emailed."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(
            {"reason": _("Say why: the organisation is told the reason.")}
        )
    check_length(reason, limit=REASON_LIMIT, field="reason")
    current = _lock_application(user, organisation)
    current.status = Organisation.Status.DECLINED
    current.decline_reason = reason
    current.save()
    pk = current.pk
    transaction.on_commit(lambda: send_application_declined.delay(pk))
    return current


# --- Members and invitations ----------------------------------------------------


def _clean_email(email: str) -> str:
    email = normalise_email(email or "")
    if len(email) > MemberInvitation._meta.get_field("email").max_length:
        raise ValidationError({"email": _("This address is too long.")})
    try:
        validate_email(email)
    except ValidationError:
        raise ValidationError({"email": _("Enter a valid email address.")}) from None
    return email


def _refuse_other_roles(email: str) -> None:
    """Members are a role of their own: nobody is a member of two
    organisations, nor a member of one and a participant's member too."""
    if Member.objects.filter(user__email=email).exists():
        raise ValidationError(
            {
                "email": _("%(email)s is already a member of an organisation.")
                % {"email": email}
            }
        )
    if Membership.objects.filter(user__email=email).exists():
        raise ValidationError(
            {
                "email": _(
                    "%(email)s reports for a participant, and cannot also write "
                    "observations on participants."
                )
                % {"email": email}
            }
        )


def _invite(organisation, *, email, invited_by, language, approval=False):
    now = timezone.now()
    MemberInvitation.objects.filter(
        organisation=organisation, email=email, accepted_at=None, revoked_at=None
    ).update(revoked_at=now)
    invitation = MemberInvitation(
        organisation=organisation,
        email=email,
        invited_by=invited_by,
        language=language,
        created_at=now,
    )
    token = new_token(invitation, now)
    try:
        with transaction.atomic():
            invitation.save()
    except IntegrityError:  # the same address invited at the same moment
        raise ValidationError(
            {"email": _("%(email)s was invited a moment ago.") % {"email": email}}
        ) from None
    # The secret travels to the worker in the task's arguments, as it travels
    # to the mail server in the email: it is stored nowhere else.
    pk = invitation.pk
    transaction.on_commit(lambda: send_member_invitation.delay(pk, token, approval))
    return invitation


@transaction.atomic
def member_invite(*, user, email: str, language: str) -> MemberInvitation:
    """A member invites a colleague to their organisation; emails the link."""
    member = access.member_of(user)
    if member is None:
        raise PermissionDenied(
            _("Only members of an approved organisation invite colleagues.")
        )
    email = _clean_email(email)
    _refuse_other_roles(email)
    return _invite(member.organisation, email=email, invited_by=user, language=language)


def _join(invitation: MemberInvitation, user) -> Member:
    current = MemberInvitation.objects.select_for_update().get(pk=invitation.pk)
    refusal = access.invitation_refusal(current)
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
    if Member.objects.filter(user=user).exists():
        raise ValidationError(_("You are already a member of an organisation."))
    if Membership.objects.filter(user=user).exists():
        raise ValidationError(
            _("You report for a participant, so you cannot also write observations.")
        )
    member = Member.objects.create(
        user=user, organisation=current.organisation, invited_by=current.invited_by
    )
    current.accepted_at, current.accepted_by = timezone.now(), user
    current.save(update_fields=["accepted_at", "accepted_by"])
    return member


@transaction.atomic
def member_invitation_accept(*, invitation: MemberInvitation, user) -> Member:
    """Make the signed-in person a member, as the invitation says."""
    return _join(invitation, user)


@transaction.atomic
def member_invitation_accept_as_new(
    *, invitation: MemberInvitation, full_name: str, password: str, language: str
) -> User:
    """An account for the invited address (the form checked the password),
    made a member at once."""
    refusal = access.invitation_refusal(invitation)
    if refusal:
        raise ValidationError(refusal)
    user = person_create(
        email=invitation.email,
        full_name=full_name,
        password=password,
        language=language,
    )
    _join(invitation, user)
    return user
