"""Indicator reports for the secretariat, run as Celery jobs.

- `params`: what a report is asked for (cycles, participants, mandates, statuses).
- `registry`: the report kinds by key, in the order the secretariat sees them.
- `kinds`: one module per kind (matrix, indicator values, timeliness, needs).
- `models`, `services`, `tasks`, `access`, `selectors`, `forms`, `views`: the
  jobs, run by Celery.
"""
