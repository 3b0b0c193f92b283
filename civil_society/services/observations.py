"""Writes of observations, their source documents and the replies to them.
See the package's docstring."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.access import require_secretariat
from common.files import file_or_link_delete, file_or_link_fill
from common.locking import StaleVersion, lock
from common.text import check_length, check_lengths
from progress.models import ReportingCycle

from .. import access
from ..models import (
    REASON_LIMIT,
    Member,
    Observation,
    ObservationDocument,
    Reply,
)
from ..tasks import (
    notify_observation_published,
)

Status = Observation.Status
CONTENT_FIELDS = Observation.CONTENT_FIELDS


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
