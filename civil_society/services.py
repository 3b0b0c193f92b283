"""Writes of civil society: applications, members, observations, replies.

    draft --submit--> submitted --publish--> published (focal points may reply)
      ^                   |
      +------edit---- declined <--decline (with a reason the organisation sees)

Members of an approved organisation write and submit its observations; only
the secretariat publishes or declines, never an observation of an organisation
it belongs to. Every function runs in one transaction, locks the row it changes
(common.locking: a stale save is refused, nothing is overwritten), and raises
ValidationError or PermissionDenied with a message that can be shown as it is.
"""

import secrets
from datetime import timedelta

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
from common.files import file_or_link_delete, file_or_link_fill
from common.languages import language_codes
from common.locking import StaleVersion, lock
from common.text import check_length, check_lengths
from progress.contributors.access import token_hash
from progress.models import ReportingCycle

from . import access
from .models import (
    REASON_LIMIT,
    Member,
    MemberInvitation,
    Observation,
    ObservationDocument,
    Organisation,
    Reply,
)
from .tasks import (
    notify_observation_published,
    send_application_declined,
    send_member_invitation,
)

Status = Observation.Status
CONTENT_FIELDS = Observation.CONTENT_FIELDS
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
    token = secrets.token_urlsafe(32)
    invitation = MemberInvitation(
        organisation=organisation,
        email=email,
        invited_by=invited_by,
        language=language,
        created_at=now,
        token_hash=token_hash(token),
        expires_at=now + timedelta(days=settings.INVITATION_DAYS),
    )
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
    if not full_name.strip():
        raise ValidationError({"full_name": _("Say your name.")})
    try:
        with transaction.atomic():
            user = person_create(
                email=invitation.email,
                full_name=full_name,
                password=password,
                language=language,
            )
    except IntegrityError:  # an account with the address appeared meanwhile
        raise ValidationError(
            _("An account with this address exists: sign in, then open the link.")
        ) from None
    _join(invitation, user)
    return user


# --- Observations ---------------------------------------------------------------


def _require_member(user) -> Member:
    member = access.member_of(user)
    if member is None:
        raise PermissionDenied(
            _("Only members of an approved organisation write observations.")
        )
    return member


def _check_subject(organisation, participant, cycle) -> None:
    if organisation.scope_id and organisation.scope_id != participant.pk:
        raise ValidationError(
            {
                "participant": _(
                    "%(organisation)s works on %(scope)s: it observes that "
                    "participant only."
                )
                % {"organisation": organisation.name, "scope": organisation.scope}
            }
        )
    if (
        not ReportingCycle.objects.started_by(timezone.localdate())
        .filter(pk=cycle.pk)
        .exists()
    ):
        raise ValidationError({"cycle": _("This reporting cycle has not started.")})


def _write(observation: Observation, content: dict) -> None:
    for name in CONTENT_FIELDS:
        if name in content:
            value = content[name]
            setattr(observation, name, value.strip() if name == "text" else value)
    check_lengths(observation, CONTENT_FIELDS)
    observation.full_clean(
        exclude=["organisation", "participant", "mandate", "cycle"],
        validate_constraints=False,
    )


@transaction.atomic
def observation_create(
    *, user, participant, mandate, cycle, content: dict
) -> Observation:
    """A new draft observation of the person's organisation."""
    member = _require_member(user)
    organisation = member.organisation
    _check_subject(organisation, participant, cycle)
    observation = Observation(
        organisation=organisation,
        participant=participant,
        mandate=mandate,
        cycle=cycle,
        created_by=user,
        updated_by=user,
    )
    _write(observation, content)
    if Observation.objects.filter(
        organisation=organisation, participant=participant, mandate=mandate, cycle=cycle
    ).exists():
        raise ValidationError(
            _(
                "Your organisation has an observation on this mandate of this "
                "participant in this cycle already: edit that one."
            )
        )
    observation._history_user = user
    try:
        with transaction.atomic():
            observation.save()
    except IntegrityError:  # a colleague started it at the same moment
        raise ValidationError(
            _("A colleague started this observation a moment ago: edit theirs.")
        ) from None
    return observation


def _lock(observation: Observation, version: int | None = None) -> Observation:
    observations = Observation.objects.with_related()
    return lock(observations, observation.pk, version=version, of=("self",))


def _require_editable(user, observation: Observation) -> None:
    refusal = access.edit_refusal(user, observation)
    if refusal:
        raise PermissionDenied(refusal)


@transaction.atomic
def observation_update(
    *, user, observation: Observation, version: int, content: dict
) -> Observation:
    """Save changes. `version` is the one the person's form was based on; a
    save that changes nothing makes no new version."""
    current = _lock(observation, version)
    _require_editable(user, current)
    before = tuple(getattr(current, name) for name in CONTENT_FIELDS)
    _write(current, content)
    if tuple(getattr(current, name) for name in CONTENT_FIELDS) == before:
        return current
    current.mark_changed(user)
    current._history_user = user
    current.save()
    return current


@transaction.atomic
def observation_submit(*, user, observation: Observation, version: int):
    """Send a draft or declined observation to the secretariat."""
    current = _lock(observation, version)
    _require_editable(user, current)
    if not current.text:
        raise ValidationError({"text": _("Write the observation before submitting.")})
    current.status = Status.SUBMITTED
    current.submitted_at, current.submitted_by = timezone.now(), user
    current.decline_reason = ""
    current._history_user = user
    current.save()
    return current


def _moderate(user, observation: Observation) -> Observation:
    require_secretariat(user, _("Only the secretariat moderates observations."))
    current = _lock(observation)
    refusal = access.moderation_refusal(user, current)
    if refusal:
        raise PermissionDenied(refusal)
    if current.status != Status.SUBMITTED:
        raise ValidationError(_("Only a submitted observation can be moderated."))
    current.moderated_by = user
    current._history_user = user
    return current


@transaction.atomic
def observation_publish(*, user, observation: Observation) -> Observation:
    """Publish; the observed participant's focal points are emailed, each in
    their language, with a link to reply."""
    current = _moderate(user, observation)
    current.status = Status.PUBLISHED
    current.published_at = timezone.now()
    current.save()
    pk = current.pk
    transaction.on_commit(lambda: notify_observation_published.delay(pk))
    return current


@transaction.atomic
def observation_decline(*, user, observation: Observation, reason: str):
    """Decline with a reason that the organisation's members see; they may
    change the observation and submit it again."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(
            {"reason": _("Say why: the organisation sees the reason.")}
        )
    check_length(reason, limit=REASON_LIMIT, field="reason")
    current = _moderate(user, observation)
    current.status = Status.DECLINED
    current.decline_reason = reason
    current.save()
    return current


# --- Source documents -----------------------------------------------------------


@transaction.atomic
def observation_document_add(
    *, user, observation: Observation, title: str, upload=None, url: str = ""
) -> ObservationDocument:
    """A file (the same upload checks as a report's evidence) or a link."""
    current = _lock(observation)
    _require_editable(user, current)
    document = ObservationDocument(observation=current)
    file_or_link_fill(document, title=title, upload=upload, url=url, user=user)
    document.save()
    return document


@transaction.atomic
def observation_document_remove(*, user, document: ObservationDocument) -> None:
    current = _lock(document.observation)
    _require_editable(user, current)
    file_or_link_delete(document)


# --- Replies --------------------------------------------------------------------


@transaction.atomic
def reply_save(
    *, user, observation: Observation, text: str, language: str, version: int | None
) -> Reply:
    """Post the participant's reply, or change it. `version` is the reply's
    version the person's form showed (None: the form showed no reply)."""
    current = _lock(observation)
    refusal = access.reply_refusal(user, current)
    if refusal:
        raise PermissionDenied(refusal)
    reply = Reply.objects.select_for_update().filter(observation=current).first()
    if reply is None and version is not None:
        raise ValidationError(_("This reply no longer exists."))
    if reply is not None and reply.version != version:
        raise StaleVersion(reply)
    if reply is None:
        reply = Reply(observation=current, created_by=user, updated_by=user)
    elif (reply.text, reply.language) == (text.strip(), language):
        return reply
    else:
        reply.mark_changed(user)
    reply.text, reply.language = (text or "").strip(), language
    check_lengths(reply, ["text"])
    reply.full_clean(exclude=["observation"])
    reply._history_user = user
    reply.save()
    return reply
