"""Writes of good practices, regional capacities and cooperation initiatives.

    draft --submit--> submitted --publish--> published
                          |
                          +------decline-----> declined --submit--> submitted

Focal points of the owning participant write and submit; they may change a
contribution until it is published. Only the secretariat publishes or
declines, and nobody decides on a contribution they submitted. Every function
runs in one transaction, locks the row it changes, and raises ValidationError
or PermissionDenied with a message that can be shown as it is.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.access import require_secretariat
from accounts.selectors import is_member
from common.files import file_or_link_delete, file_or_link_fill
from common.locking import lock
from common.text import check_length, check_lengths
from progress.models import ProgressReport

from .access import edit_refusal
from .models import (
    Contribution,
    CooperationInitiative,
    GoodPractice,
    PracticeAttachment,
    RegionalCapacity,
)
from .search import search_vector_refresh

Status = Contribution.Status
PRACTICE_FIELDS = GoodPractice.CONTENT_FIELDS
CAPACITY_FIELDS = RegionalCapacity.CONTENT_FIELDS
REASON_LIMIT = Contribution._meta.get_field("decline_reason").max_length
NOTE_LIMIT = CooperationInitiative._meta.get_field("note").max_length


def _lock(model, record, version: int | None = None):
    # With multi-table inheritance the parent row holds the version: lock both.
    of = ("self",) if model is Contribution else ("self", "contribution_ptr")
    records = model.objects.select_related("participant")
    return lock(records, record.pk, version=version, of=of)


def _require_focal_point(user, participant) -> None:
    if not is_member(user, participant, editable=True):
        raise PermissionDenied(
            _("Only a focal point of %(participant)s can add its contributions.")
            % {"participant": participant.name}
        )


def _require_editable(user, record: Contribution) -> None:
    refusal = edit_refusal(user, record)
    if refusal:
        raise PermissionDenied(refusal)


def _write(record, field_names, content: dict, *, user, mandates, countries=None):
    for name in field_names:
        if name in content:
            setattr(record, name, content[name])
    if not mandates:
        raise ValidationError({"mandates": _("Choose at least one mandate.")})
    check_lengths(record, field_names)
    record.updated_by = user
    record.full_clean(exclude=["kind", "participant", "search_vector", "countries"])
    record.save()
    record.mandates.set(mandates)
    if countries is not None:
        record.countries.set(countries)
    search_vector_refresh(record)
    return record


# --- Good practices and capacities ---------------------------------------------------


@transaction.atomic
def good_practice_create(*, user, participant, content: dict, mandates) -> GoodPractice:
    """A new draft good practice of `participant`."""
    _require_focal_point(user, participant)
    practice = GoodPractice(participant=participant, created_by=user)
    return _write(practice, PRACTICE_FIELDS, content, user=user, mandates=mandates)


@transaction.atomic
def good_practice_update(
    *, user, practice: GoodPractice, version: int, content: dict, mandates
) -> GoodPractice:
    """Save changes. `version` is the one the person's form was based on."""
    current = _lock(GoodPractice, practice, version)
    _require_editable(user, current)
    current.mark_changed(user)
    return _write(current, PRACTICE_FIELDS, content, user=user, mandates=mandates)


@transaction.atomic
def capacity_create(
    *, user, participant, content: dict, mandates, countries=()
) -> RegionalCapacity:
    """A new draft regional capacity offered by `participant`."""
    _require_focal_point(user, participant)
    capacity = RegionalCapacity(participant=participant, created_by=user)
    return _write(
        capacity,
        CAPACITY_FIELDS,
        content,
        user=user,
        mandates=mandates,
        countries=countries,
    )


@transaction.atomic
def capacity_update(
    *,
    user,
    capacity: RegionalCapacity,
    version: int,
    content: dict,
    mandates,
    countries=(),
) -> RegionalCapacity:
    current = _lock(RegionalCapacity, capacity, version)
    _require_editable(user, current)
    current.mark_changed(user)
    return _write(
        current,
        CAPACITY_FIELDS,
        content,
        user=user,
        mandates=mandates,
        countries=countries,
    )


# --- The workflow --------------------------------------------------------------------


@transaction.atomic
def contribution_submit(*, user, record: Contribution, version: int) -> Contribution:
    """Send a draft or declined contribution to the secretariat."""
    current = _lock(Contribution, record, version)
    _require_editable(user, current)
    if current.status == Status.SUBMITTED:
        raise ValidationError(_("This contribution is already with the secretariat."))
    current.status = Status.SUBMITTED
    current.submitted_at = timezone.now()
    current.submitted_by = user
    current.decline_reason = ""
    current.save()
    return current


def _decide(user, record: Contribution) -> Contribution:
    require_secretariat(user, _("Only the secretariat decides on contributions."))
    current = _lock(Contribution, record)
    if current.status != Status.SUBMITTED:
        raise ValidationError(_("Only a submitted contribution can be decided on."))
    if current.submitted_by_id == user.pk:
        raise PermissionDenied(
            _("You submitted this contribution, so someone else must decide on it.")
        )
    current.decided_at = timezone.now()
    current.decided_by = user
    return current


@transaction.atomic
def contribution_publish(*, user, record: Contribution) -> Contribution:
    current = _decide(user, record)
    current.status = Status.PUBLISHED
    current.published_at = current.decided_at
    current.save()
    return current


@transaction.atomic
def contribution_decline(*, user, record: Contribution, reason: str) -> Contribution:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(
            _("Say why: the focal point sees the reason and can change and resubmit.")
        )
    check_length(reason, limit=REASON_LIMIT, field="decline_reason")
    current = _decide(user, record)
    current.status = Status.DECLINED
    current.decline_reason = reason
    current.save()
    return current


# --- Files and links of a practice ---------------------------------------------------


@transaction.atomic
def practice_attachment_add(
    *, user, practice: GoodPractice, title: str, upload=None, url: str = ""
) -> PracticeAttachment:
    _require_editable(user, practice)
    attachment = PracticeAttachment(practice=practice)
    file_or_link_fill(attachment, title=title, upload=upload, url=url, user=user)
    attachment.save()
    return attachment


@transaction.atomic
def practice_attachment_remove(*, user, attachment: PracticeAttachment) -> None:
    _require_editable(user, attachment.practice)
    file_or_link_delete(attachment)


# --- Cooperation initiatives ---------------------------------------------------------

Initiative = CooperationInitiative.Status
# An initiative moves forward or is cancelled; completed and cancelled are final.
FORWARD = [Initiative.PROPOSED, Initiative.AGREED, Initiative.IN_PROGRESS]


def initiative_next_statuses(status: str) -> list[str]:
    if status not in FORWARD:
        return []
    later = FORWARD[FORWARD.index(status) + 1 :] + [Initiative.COMPLETED]
    return later + [Initiative.CANCELLED]


@transaction.atomic
def initiative_record(
    *, user, need: ProgressReport, capacity: RegionalCapacity, note: str = ""
) -> CooperationInitiative:
    """The secretariat records that `capacity` is to meet `need`."""
    require_secretariat(user, _("Only the secretariat records cooperation."))
    if not need.assistance_description.strip():
        raise ValidationError(_("This report states no need for assistance."))
    if capacity.status != Status.PUBLISHED:
        raise ValidationError(_("Only a published capacity can meet a need."))
    note = (note or "").strip()
    check_length(note, limit=NOTE_LIMIT, field="note")
    try:
        with transaction.atomic():
            return CooperationInitiative.objects.create(
                need=need,
                capacity=capacity,
                note=note,
                created_by=user,
                updated_by=user,
            )
    except IntegrityError:
        raise ValidationError(
            _("This capacity is already recorded for this need.")
        ) from None


@transaction.atomic
def initiative_update(
    *, user, initiative: CooperationInitiative, status: str, note: str | None = None
) -> CooperationInitiative:
    require_secretariat(user, _("Only the secretariat records cooperation."))
    current = CooperationInitiative.objects.select_for_update().get(pk=initiative.pk)
    if status != current.status and status not in initiative_next_statuses(
        current.status
    ):
        raise ValidationError(
            _("An initiative that is %(from)s cannot become %(to)s.")
            % {
                "from": current.get_status_display().lower(),
                "to": str(dict(Initiative.choices).get(status, status)).lower(),
            }
        )
    current.status = status
    if note is not None:
        current.note = note.strip()
        check_length(current.note, limit=NOTE_LIMIT, field="note")
    current.updated_by = user
    current.save()
    return current
