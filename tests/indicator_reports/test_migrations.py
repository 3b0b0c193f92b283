"""Moving ReportJob from progress to indicator_reports keeps every job."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from indicator_reports.models import ReportJob
from tests.factories import UserFactory

BEFORE = [("progress", "0004_file_or_link"), ("indicator_reports", None)]


def migrate(targets) -> MigrationExecutor:
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor


@pytest.mark.django_db(transaction=True)
def test_jobs_recorded_before_the_move_are_there_after_it():
    user = UserFactory()
    executor = migrate(BEFORE)
    old_apps = executor.loader.project_state([BEFORE[0]]).apps
    OldJob = old_apps.get_model("progress", "ReportJob")
    assert OldJob._meta.db_table == "progress_reportjob"
    first = OldJob.objects.create(
        kind="matrix", format="csv", requested_by_id=user.pk, status="failed",
        failure="worker_stopped", parameters={"cycle_ids": [1]},
    )  # fmt: skip
    OldJob.objects.create(
        kind="needs", format="xlsx", requested_by_id=user.pk, rerun_of_id=first.pk
    )

    migrate(executor.loader.graph.leaf_nodes())

    assert ReportJob._meta.db_table == "indicator_reports_reportjob"
    moved = ReportJob.objects.get(pk=first.pk)
    assert (moved.kind, moved.status, moved.failure) == (
        "matrix",
        "failed",
        "worker_stopped",
    )
    assert moved.parameters == {"cycle_ids": [1]}
    assert moved.requested_by == user
    assert [job.kind for job in moved.reruns.all()] == ["needs"]
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
    assert "progress_reportjob" not in tables
