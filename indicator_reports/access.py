"""Who may see and who may run report jobs: the secretariat, nobody else.

As for reports, someone who may not see a job gets a 404, as if it did not exist.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from accounts.access import is_secretariat

from .models import ReportJob


def report_job_for_viewer(user, pk: int) -> ReportJob:
    """A job and its file, for the secretariat; 404 for anyone else."""
    if not is_secretariat(user):
        raise Http404
    job = ReportJob.objects.select_related("requested_by").filter(pk=pk).first()
    if job is None:
        raise Http404
    return job


def report_job_for_runner(user, pk: int) -> ReportJob:
    """A job that this person may also run again."""
    job = report_job_for_viewer(user, pk)
    if not is_secretariat(user):
        raise PermissionDenied(_("Only the secretariat runs indicator reports."))
    return job
