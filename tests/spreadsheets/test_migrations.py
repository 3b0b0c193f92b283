"""Moving SpreadsheetImport from progress to spreadsheets keeps every upload."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from progress.models import ReportingCycle
from spreadsheets.models import SpreadsheetImport
from tests.factories import ParticipantFactory, UserFactory

BEFORE = [("progress", "0012_spreadsheet_import"), ("spreadsheets", None)]


def migrate(targets) -> MigrationExecutor:
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor


@pytest.mark.django_db(transaction=True)
def test_uploads_waiting_before_the_move_are_there_after_it():
    user, participant = UserFactory(), ParticipantFactory()
    cycle = ReportingCycle.objects.create(
        name="2026",
        opens_on=datetime.date(2026, 1, 1),
        due_on=datetime.date(2026, 6, 1),
        closes_on=datetime.date(2026, 7, 1),
    )
    executor = migrate(BEFORE)
    old_apps = executor.loader.project_state([BEFORE[0]]).apps
    OldImport = old_apps.get_model("progress", "SpreadsheetImport")
    assert OldImport._meta.db_table == "progress_spreadsheetimport"
    waiting = OldImport.objects.create(
        participant_id=participant.pk, cycle_id=cycle.pk, uploaded_by_id=user.pk,
        file_name="ARG.xlsx", language="es",
        generated_at=datetime.datetime(2026, 11, 1, tzinfo=datetime.UTC),
        rows=[{"row": 3, "cells": {"implementation_level": "En curso"}}],
    )  # fmt: skip

    migrate(executor.loader.graph.leaf_nodes())

    assert SpreadsheetImport._meta.db_table == "spreadsheets_spreadsheetimport"
    moved = SpreadsheetImport.objects.get(pk=waiting.pk)
    assert (moved.participant, moved.cycle, moved.uploaded_by) == (
        participant,
        cycle,
        user,
    )
    assert moved.rows == [{"row": 3, "cells": {"implementation_level": "En curso"}}]
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
    assert "progress_spreadsheetimport" not in tables
