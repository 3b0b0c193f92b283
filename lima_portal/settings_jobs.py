"""Settings of Celery and of the jobs it runs: time limits, the beat schedule,
reminders, retention of old files, the search's bounds.

Part of the settings (lima_portal.settings takes every name from here); read
from the environment like the rest (README, "Configuration").
"""

from celery.schedules import crontab

from .env import env_int, env_int_list

CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = env_int("CELERY_TASK_TIME_LIMIT", 30 * 60)
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TIMEZONE = "UTC"
# A report job whose worker has not written a heartbeat for this long is marked
# as failed ("the worker stopped"); the beat task below looks every minute.
REPORT_JOB_STALE_SECONDS = env_int("REPORT_JOB_STALE_SECONDS", 120)
# For tests only: a pause before each row of a report job, in milliseconds, so
# that a test can kill a real worker in the middle of one.
REPORT_JOB_ROW_PAUSE_MS = env_int("REPORT_JOB_ROW_PAUSE_MS", 0, minimum=0)
# How long the good-practices search keeps facet counts; 0 turns it off.
SEARCH_FACET_CACHE_SECONDS = env_int("SEARCH_FACET_CACHE_SECONDS", 600)
# Above this many matches the search page ranks SEARCH_CANDIDATES candidates
# and shows counts estimated on about SEARCH_SAMPLE_ROWS records, marked
# approximate; up to it, everything is exact (good_practices/search/bounded.py).
SEARCH_EXACT_LIMIT = env_int("SEARCH_EXACT_LIMIT", 10_000)
SEARCH_CANDIDATES = env_int("SEARCH_CANDIDATES", 500)
SEARCH_SAMPLE_ROWS = env_int("SEARCH_SAMPLE_ROWS", 3_000)
# Files are deleted this many days after they were made (0 keeps them): those
# of finished report jobs (the job stays, marked expired), and the cached bulk
# XLSX files of earlier versions of the open data. The beat task looks hourly.
REPORT_FILE_RETENTION_DAYS = env_int("REPORT_FILE_RETENTION_DAYS", 30, minimum=0)
BULK_FILE_RETENTION_DAYS = env_int("BULK_FILE_RETENTION_DAYS", 7, minimum=0)
# Uploaded workbooks (their cells, kept for the preview and the result page)
# are deleted this many days after the upload, confirmed or not (0 keeps them).
SPREADSHEET_UPLOAD_RETENTION_DAYS = env_int(
    "SPREADSHEET_UPLOAD_RETENTION_DAYS", 30, minimum=0
)
# Reminders to focal points (progress.reminders): one email per threshold,
# this many days before a cycle's due date, and one the day after it, repeated
# every REMINDER_OVERDUE_EVERY_DAYS days while the cycle is open (0: once).
# They and the secretariat's digest of reports waiting for review go out daily
# at REMINDER_HOUR, UTC.
REMINDER_DAYS_BEFORE_DUE = sorted(
    set(env_int_list("REMINDER_DAYS_BEFORE_DUE", [30, 7, 1])), reverse=True
)
REMINDER_OVERDUE_EVERY_DAYS = env_int("REMINDER_OVERDUE_EVERY_DAYS", 0, minimum=0)
REMINDER_HOUR = env_int("REMINDER_HOUR", 6, minimum=0, maximum=23)
CELERY_BEAT_SCHEDULE = {
    "send-reminders": {
        "task": "progress.tasks.send_reminders",
        "schedule": crontab(hour=REMINDER_HOUR, minute=0),
    },
    "send-review-digests": {
        "task": "progress.tasks.send_review_digests",
        "schedule": crontab(hour=REMINDER_HOUR, minute=0),
    },
    "reap-stale-report-jobs": {
        "task": "indicator_reports.tasks.reap_stale_report_jobs",
        "schedule": 60.0,
    },
    "expire-report-files": {
        "task": "indicator_reports.tasks.expire_report_files",
        "schedule": 60.0 * 60,
    },
    "prune-bulk-files": {
        "task": "public_site.tasks.prune_bulk_files",
        "schedule": 60.0 * 60,
    },
    "prune-spreadsheet-uploads": {
        "task": "spreadsheets.tasks.prune_spreadsheet_uploads",
        "schedule": 60.0 * 60,
    },
}
