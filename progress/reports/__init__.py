"""Indicator reports for the secretariat, run as Celery jobs.

- `params`: what a report is asked for (cycles, participants, mandates, statuses).
- `registry`: the report kinds, which other apps may extend or replace.
- `kinds`: the standard kinds (matrix, indicator values, timeliness, needs).
- `models`, `services`, `access`, `selectors`, `forms`, `views`: the jobs.
"""
