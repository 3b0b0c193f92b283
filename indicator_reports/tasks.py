"""Celery tasks of indicator reports. They take ids and call services.

One direction, as in the rest of the project: the services import these tasks
at module level to queue them; a task imports the services inside its body.
"""

from celery import shared_task


@shared_task(bind=True, max_retries=3, acks_late=True, ignore_result=True)
def run_report_job(self, job_id: int) -> None:
    """Produce a report; retry on database outages, with growing pauses."""
    from . import services
    from .models import ReportJob

    try:
        services.report_job_run(job_id=job_id)
    except services.TRANSIENT_ERRORS as error:
        if self.request.retries >= self.max_retries:
            services.report_job_fail(
                job_id=job_id, failure=ReportJob.Failure.DATABASE, error=str(error)
            )
            return
        raise self.retry(exc=error, countdown=5 * 2**self.request.retries) from None


@shared_task(ignore_result=True)
def reap_stale_report_jobs() -> int:
    """Run by Celery beat every minute (CELERY_BEAT_SCHEDULE)."""
    from . import services

    return services.report_jobs_reap()


@shared_task(ignore_result=True)
def expire_report_files() -> int:
    """Run by Celery beat every hour: files older than REPORT_FILE_RETENTION_DAYS."""
    from . import services

    return services.report_files_expire()
