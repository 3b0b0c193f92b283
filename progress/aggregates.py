"""Upkeep of what the public dashboards count (progress.models.aggregates).

Why a PostgreSQL trigger (migration 0013) rather than calls in the services or
a materialised view:

- Every write to a report goes through it, in the same transaction and the
  same statement: the workflow services, the API, spreadsheet imports, the
  demo loader, a `QuerySet.update()`, a fix made in `psql`. A call in each
  service would be one more thing for every future write path to forget, and
  a forgotten call leaves the public figures wrong with nothing to notice.
- Its cost is one or two indexed row writes per published report written;
  a write that changes neither status, level, cycle, participant nor mandate
  (an edit of a draft, a version bump) returns at once. A materialised view
  would recompute all 4,000+ reports on every publication, and REFRESH ...
  CONCURRENTLY needs its own transaction, so readers would see a publication
  after it, not with it.

`aggregates_rebuild` recomputes both tables from the reports (the management
command `rebuild_dashboard_aggregates`): after a restore of only some tables,
or to check the trigger (`aggregates_drift`).
"""

from django.db import connection, transaction

from .models import ProgressReport, PublishedLevel, PublishedLevelCount

REBUILD = """
LOCK TABLE progress_progressreport IN SHARE MODE;
DELETE FROM progress_publishedlevelcount;
DELETE FROM progress_publishedlevel;
INSERT INTO progress_publishedlevel
       (report_id, cycle_id, participant_id, mandate_id, level)
SELECT id, cycle_id, participant_id, mandate_id, implementation_level
  FROM progress_progressreport WHERE status = 'published';
INSERT INTO progress_publishedlevelcount (cycle_id, mandate_id, level, reports)
SELECT cycle_id, mandate_id, implementation_level, count(*)
  FROM progress_progressreport
 WHERE status = 'published' AND implementation_level <> ''
 GROUP BY cycle_id, mandate_id, implementation_level;
"""


@transaction.atomic
def aggregates_rebuild() -> tuple[int, int]:
    """Both tables recomputed from the reports; (cells, counts) written.

    The reports are locked against writes (SHARE) until the commit, so that no
    publication falls between the recomputation and its replacement.
    """
    with connection.cursor() as cursor:
        cursor.execute(REBUILD)
    return PublishedLevel.objects.count(), PublishedLevelCount.objects.count()


def aggregates_from_reports() -> tuple[set, set]:
    """What the tables should hold, computed from the reports with the ORM."""
    published = ProgressReport.objects.published()
    cells = set(
        published.values_list(
            "pk", "cycle_id", "participant_id", "mandate_id", "implementation_level"
        )
    )
    counts: dict[tuple, int] = {}
    for _pk, cycle, _participant, mandate, level in cells:
        if level:
            key = (cycle, mandate, level)
            counts[key] = counts.get(key, 0) + 1
    return cells, {(*key, n) for key, n in counts.items()}


def aggregates_stored() -> tuple[set, set]:
    cells = set(
        PublishedLevel.objects.values_list(
            "report_id", "cycle_id", "participant_id", "mandate_id", "level"
        )
    )
    counts = set(
        PublishedLevelCount.objects.values_list(
            "cycle_id", "mandate_id", "level", "reports"
        )
    )
    return cells, counts


def aggregates_drift() -> dict[str, int]:
    """How many rows of each table differ from a recomputation (0 and 0: none)."""
    expected, stored = aggregates_from_reports(), aggregates_stored()
    return {
        "cells": len(expected[0] ^ stored[0]),
        "counts": len(expected[1] ^ stored[1]),
    }
