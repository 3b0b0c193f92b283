"""Reminders to focal points and the secretariat's digest of reports to review.

Once a day Celery beat runs `services.reminders_queue` and
`services.review_digests_queue`. Each finds who is due an email today, writes
one row per email (Reminder, ReviewDigest) and queues the email once that row is
committed. A unique constraint on the row makes the work idempotent: a second
run, or two beats at once, find the row there and send nothing. The email task
sends what is missing at the moment it runs, in the recipient's language, and
marks the row sent.
"""
