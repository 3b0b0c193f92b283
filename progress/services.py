"""Writes of the reporting workflow.

    draft --submit--> submitted --validate--> validated --publish--> published
      ^                   |
      +-----return--------+   (return needs a comment)

Every function runs in one transaction, locks the report row, records the
transition, and raises ValidationError or PermissionDenied with a message that
can be shown to the person as it is.
"""

from functools import partial

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.access import require_secretariat
from common import queue
from common.locking import lock
from common.text import check_length, check_lengths

from .access import edit_refusal, submit_refusal
from .history import COPIED_FROM_PREVIOUS_CYCLE
from .indicators import applicable_indicators, clean_value
from .models import ProgressReport, ReportingCycle, ReportTransition
from .notifications import NOTIFIED
from .selectors import report_missing
from .tasks import notify_transition

Status = ProgressReport.Status
CONTENT_FIELDS = ProgressReport.CONTENT_FIELDS
COMMENT_LIMIT = ReportTransition._meta.get_field("comment").max_length


def _lock(report: ProgressReport, version: int | None = None) -> ProgressReport:
    reports = ProgressReport.objects.select_related("participant", "cycle", "mandate")
    return lock(reports, report.pk, version=version)


def _require_editable(user, report: ProgressReport) -> None:
    refusal = edit_refusal(user, report)
    if refusal:
        raise PermissionDenied(refusal)


def _move(report, *, user, to: str, comment: str = "", notify: bool = True) -> None:
    transition = ReportTransition.objects.create(
        report=report,
        actor=user,
        from_status=report.status,
        to_status=to,
        comment=comment,
    )
    report.status = to
    # The record this save adds is the actor's; the content version it repeats
    # stays its author's (see progress.history).
    report._history_user = user
    if notify and to in NOTIFIED:
        # Queued only once the decision is committed: the worker must see it.
        transaction.on_commit(
            partial(queue.send_or_log, notify_transition, transition.pk)
        )


@transaction.atomic
def report_start(
    *, user, participant, mandate, cycle: ReportingCycle, copy_previous: bool = False
) -> tuple[ProgressReport, bool]:
    """The participant's report on the mandate in the cycle, and whether it is new.

    A new draft may start from the previous cycle's report. If the report
    exists already (started by a colleague, or a second click), it is returned
    as it is: starting twice never copies over what was written since.
    """
    report = ProgressReport(participant=participant, mandate=mandate, cycle=cycle)
    _require_editable(user, report)
    existing = _existing_report(report)
    if existing:
        return existing, False
    if copy_previous:
        _copy_previous_content(report)
        report._change_reason = COPIED_FROM_PREVIOUS_CYCLE
    report.created_by = report.updated_by = user
    report._history_user = user
    try:
        with transaction.atomic():
            report.save()
    except IntegrityError:  # started at the same moment by someone else?
        existing = _existing_report(report)
        if existing is None:
            raise
        return existing, False
    return report, True


def _existing_report(report: ProgressReport) -> ProgressReport | None:
    return ProgressReport.objects.filter(
        participant=report.participant, mandate=report.mandate, cycle=report.cycle
    ).first()


def _copy_previous_content(report: ProgressReport) -> None:
    previous = (
        ProgressReport.objects.filter(
            participant=report.participant,
            mandate=report.mandate,
            cycle__opens_on__lt=report.cycle.opens_on,
        )
        .order_by("-cycle__opens_on")
        .first()
    )
    if previous is None:
        raise ValidationError(
            _("There is no report of an earlier cycle to start from.")
        )
    for field in CONTENT_FIELDS:
        setattr(report, field, getattr(previous, field))
    report.indicator_values = dict(previous.indicator_values)


def clean_indicator_values(report: ProgressReport, raw: dict) -> dict:
    """Check every answer; all errors at once, keyed by indicator code.

    An answer to an indicator that does not apply to the report is refused, so
    that nothing is stored that no page would show.
    """
    indicators = applicable_indicators(
        mandate=report.mandate, participant=report.participant
    )
    values, errors = {}, {}
    for code in sorted(set(raw) - {i.code for i in indicators}):
        errors[code] = [_("This indicator does not apply to this report.")]
    for indicator in indicators:
        try:
            value = clean_value(indicator, raw.get(indicator.code))
        except ValidationError as error:
            errors[indicator.code] = error.messages
            continue
        if value is not None:
            values[indicator.code] = value
    if errors:
        raise ValidationError(errors)
    return values


@transaction.atomic
def report_update(
    *, user, report: ProgressReport, version: int, content: dict, indicators: dict
) -> ProgressReport:
    """Save a draft. `version` is the one the person's form was based on.

    A save that changes nothing makes no new version: the report is returned
    as it was (a "save and submit" of an unchanged form, a second click).
    """
    current = _lock(report, version)
    _require_editable(user, current)
    before = _content_of(current)
    for field in CONTENT_FIELDS:
        if field in content:
            setattr(current, field, content[field])
    current.indicator_values = clean_indicator_values(current, indicators)
    check_lengths(current, CONTENT_FIELDS)
    _check_assistance(current)
    current.full_clean(exclude=["participant", "mandate", "cycle"])
    if _content_of(current) == before:
        return current
    current.mark_changed(user)
    current._history_user = user
    current.save()
    return current


def _content_of(report: ProgressReport) -> tuple:
    values = tuple(getattr(report, field) for field in CONTENT_FIELDS)
    return values + (report.indicator_values,)


def _check_assistance(report: ProgressReport) -> None:
    """A type of assistance needs words that say what would help."""
    report.assistance_description = report.assistance_description.strip()
    if report.assistance_type and not report.assistance_description:
        raise ValidationError(
            {"assistance_description": _("Describe the assistance needed.")}
        )


class ReportIncomplete(ValidationError):
    """The report lacks what submission needs; `missing` lists it."""

    def __init__(self, missing: list):
        super().__init__(
            [_("Before you submit, complete:")] + [str(item) for item in missing]
        )
        self.missing = missing


@transaction.atomic
def report_submit(*, user, report: ProgressReport, version: int) -> ProgressReport:
    current = _lock(report, version)
    refusal = submit_refusal(user, current)
    if refusal:
        raise PermissionDenied(refusal)
    missing = report_missing(current)
    if missing:
        raise ReportIncomplete(missing)
    _move(current, user=user, to=Status.SUBMITTED)
    current.submitted_at = timezone.now()
    current.submitted_by = user
    current.save()
    return current


def _comment(comment: str | None) -> str:
    comment = (comment or "").strip()
    check_length(comment, limit=COMMENT_LIMIT, field="comment")
    return comment


@transaction.atomic
def report_return(*, user, report: ProgressReport, comment: str) -> ProgressReport:
    require_secretariat(user, _("Only the secretariat reviews reports."))
    current = _lock(report)
    if current.status != Status.SUBMITTED:
        raise ValidationError(_("Only a submitted report can be returned."))
    comment = _comment(comment)
    if not comment:
        raise ValidationError(
            _("Say what needs to change: a returned report needs a comment.")
        )
    _move(current, user=user, to=Status.RETURNED, comment=comment)
    current.save()
    return current


@transaction.atomic
def report_validate(
    *, user, report: ProgressReport, comment: str = "", publish: bool = False
) -> ProgressReport:
    require_secretariat(user, _("Only the secretariat reviews reports."))
    current = _lock(report)
    if current.status != Status.SUBMITTED:
        raise ValidationError(_("Only a submitted report can be validated."))
    if current.submitted_by_id == user.pk:
        raise PermissionDenied(
            _("You submitted this report, so someone else must validate it.")
        )
    # Validated and published at once: one email, the publication's.
    _move(
        current,
        user=user,
        to=Status.VALIDATED,
        comment=_comment(comment),
        notify=not publish,
    )
    current.save()
    if publish:
        return report_publish(user=user, report=current)
    return current


@transaction.atomic
def report_publish(*, user, report: ProgressReport) -> ProgressReport:
    require_secretariat(user, _("Only the secretariat reviews reports."))
    current = _lock(report)
    if current.status != Status.VALIDATED:
        raise ValidationError(_("Only a validated report can be published."))
    _move(current, user=user, to=Status.PUBLISHED)
    current.published_at = timezone.now()
    current.save()
    return current
