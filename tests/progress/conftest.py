"""Fixtures of the reminder tests: a cycle due in so many days, and reports."""

from datetime import timedelta

import pytest
from django.utils import timezone

from mandates.models import Mandate
from progress.models import ProgressReport, ReportingCycle
from tests.factories import ProgressReportFactory


@pytest.fixture
def cycle_due_in(db):
    """A function giving a cycle open today whose due date is `days` away
    (negative: past), closing `closes_after` days after the due date."""

    def make(days: int, *, closes_after: int = 30, name: str = "Cycle 2025"):
        today = timezone.localdate()
        due = today + timedelta(days=days)
        return ReportingCycle.objects.create(
            name=name,
            opens_on=min(today, due) - timedelta(days=60),
            due_on=due,
            closes_on=max(today, due + timedelta(days=closes_after)),
        )

    return make


@pytest.fixture
def file_reports(db):
    """A function storing a participant's reports of a cycle: {number: status}."""

    def make(participant, cycle, statuses: dict[int, str]) -> dict[int, ProgressReport]:
        mandates = Mandate.objects.in_bulk(list(statuses), field_name="number")
        return {
            number: ProgressReportFactory(
                participant=participant,
                mandate=mandates[number],
                cycle=cycle,
                status=status,
                submitted_at=None if status in ("draft",) else timezone.now(),
            )
            for number, status in statuses.items()
        }

    return make


@pytest.fixture
def all_submitted(file_reports):
    """A function filing every one of the 57 reports of a participant."""

    def make(participant, cycle):
        return file_reports(
            participant, cycle, dict.fromkeys(range(1, 58), "submitted")
        )

    return make
