"""Celery tasks of the progress app. They take ids and call services."""

from celery import shared_task

from . import notifications
from .opendata import cache as opendata_cache
from .reports import services as report_jobs
from .reports.models import ReportJob


@shared_task(bind=True, max_retries=3, acks_late=True, ignore_result=True)
def run_report_job(self, job_id: int) -> None:
    """Produce a report; retry on database outages, with growing pauses."""
    try:
        report_jobs.report_job_run(job_id=job_id)
    except report_jobs.TRANSIENT_ERRORS as error:
        if self.request.retries >= self.max_retries:
            report_jobs.report_job_fail(
                job_id=job_id, failure=ReportJob.Failure.DATABASE, error=str(error)
            )
            return
        raise self.retry(exc=error, countdown=5 * 2**self.request.retries) from None


@shared_task(ignore_result=True)
def reap_stale_report_jobs() -> int:
    """Run by Celery beat every minute (CELERY_BEAT_SCHEDULE)."""
    return report_jobs.report_jobs_reap()


@shared_task(ignore_result=True)
def delete_expired_files() -> None:
    """Run by Celery beat every hour: old report files and bulk files."""
    report_jobs.report_files_expire()
    opendata_cache.bulk_files_prune()


@shared_task(bind=True, max_retries=5, acks_late=True, ignore_result=True)
def notify_transition(self, transition_id: int) -> None:
    """Email the focal points about a decision; retry while the mail server fails."""
    try:
        notifications.transition_notify(transition_id=transition_id)
    except OSError as error:  # smtplib errors are OSErrors
        raise self.retry(exc=error, countdown=60 * 2**self.request.retries) from None
