"""The one place that says who may see and who may change a contribution.

Someone who may not see a good practice or a capacity gets a 404, as if it did
not exist; someone who may see it but not change it gets PermissionDenied with
the reason. Needs are progress reports, so progress.access decides about them.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from accounts.access import is_secretariat
from accounts.selectors import is_member, sees_private_of
from progress.access import report_for_viewer
from progress.models import ProgressReport

from .models import Contribution, GoodPractice, RegionalCapacity


def can_view(user, record: Contribution) -> bool:
    return record.status == Contribution.Status.PUBLISHED or can_view_private(
        user, record
    )


def can_view_private(user, record: Contribution) -> bool:
    """The workflow (status, decision, reason): for members and the secretariat."""
    return sees_private_of(user, record.participant)


def edit_refusal(user, record: Contribution) -> str | None:
    """Why this person may not edit this record now, or None if they may."""
    if not user.is_authenticated or not is_member(
        user, record.participant, editable=True
    ):
        return _(
            "Only a focal point of %(participant)s can edit its contributions."
        ) % {"participant": record.participant.name}
    if not record.is_editable_status:
        return _("This contribution is published and can no longer be edited.")
    return None


def _for_viewer(model, user, pk: int):
    record = model.objects.select_related("participant").filter(pk=pk).first()
    if record is None or not can_view(user, record):
        raise Http404
    return record


def _for_editor(model, user, pk: int):
    record = _for_viewer(model, user, pk)
    refusal = edit_refusal(user, record)
    if refusal:
        raise PermissionDenied(refusal)
    return record


def practice_for_viewer(user, pk: int) -> GoodPractice:
    return _for_viewer(GoodPractice, user, pk)


def practice_for_editor(user, pk: int) -> GoodPractice:
    return _for_editor(GoodPractice, user, pk)


def capacity_for_viewer(user, pk: int) -> RegionalCapacity:
    return _for_viewer(RegionalCapacity, user, pk)


def capacity_for_editor(user, pk: int) -> RegionalCapacity:
    return _for_editor(RegionalCapacity, user, pk)


def contribution_for_editor(user, pk: int) -> GoodPractice | RegionalCapacity:
    kind = Contribution.objects.filter(pk=pk).values_list("kind", flat=True).first()
    if kind is None:
        raise Http404
    model = GoodPractice if kind == Contribution.Kind.PRACTICE else RegionalCapacity
    return _for_editor(model, user, pk)


def contribution_for_moderator(user, pk: int) -> Contribution:
    """For the secretariat's decisions; anyone else gets a 404."""
    if not is_secretariat(user):
        raise Http404
    return get_object_or_404(Contribution.objects.select_related("participant"), pk=pk)


def need_for_viewer(user, pk: int) -> ProgressReport:
    """A report's technical-assistance need, for those who may read the report."""
    report = report_for_viewer(user, pk)
    if not report.assistance_description.strip():
        raise Http404
    return report
