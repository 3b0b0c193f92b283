"""Which threshold a cycle has reached on a day, and the settings behind it."""

from datetime import date, timedelta

import pytest

from lima_portal.env import ConfigurationError, env_int_list
from progress.models import ReportingCycle
from progress.reminders.schedule import reminder_threshold
from tests.lima_portal.test_settings import PRODUCTION, manage

DUE = date(2025, 6, 30)


def threshold(days_left: int, *, opens_before: int = 90, closes_after: int = 30):
    cycle = ReportingCycle(
        name="Cycle",
        opens_on=DUE - timedelta(days=opens_before),
        due_on=DUE,
        closes_on=DUE + timedelta(days=closes_after),
    )
    return reminder_threshold(cycle, DUE - timedelta(days=days_left))


@pytest.fixture(autouse=True)
def _default_days(settings):
    settings.REMINDER_DAYS_BEFORE_DUE = [30, 7, 1]
    settings.REMINDER_OVERDUE_EVERY_DAYS = 0


@pytest.mark.parametrize(
    "days_left, expected",
    [
        (45, None),  # before the first threshold
        (31, None),
        (30, 30),
        (29, 30),  # a run missed on the day still sends it, once (its row)
        (8, 30),
        (7, 7),  # the 30-day one is stale now: only the latest counts
        (2, 7),
        (1, 1),
        (0, 1),  # due today
        (-1, -1),  # the day after the due date
        (-29, -1),
        (-30, -1),  # the day the cycle closes
        (-31, None),  # closed
    ],
)
def test_the_latest_threshold_reached_counts(days_left, expected):
    assert threshold(days_left) == expected


def test_no_reminder_before_the_cycle_opens():
    assert threshold(20, opens_before=10) is None
    assert threshold(10, opens_before=10) == 30  # opened within 30 days of the due date


@pytest.mark.parametrize(
    "days_late, expected", [(1, -1), (7, -1), (8, -8), (14, -8), (15, -15), (29, -29)]
)
def test_overdue_reminders_repeat_when_asked(settings, days_late, expected):
    settings.REMINDER_OVERDUE_EVERY_DAYS = 7
    assert threshold(-days_late) == expected


def test_other_days_before_the_due_date(settings):
    settings.REMINDER_DAYS_BEFORE_DUE = [14, 0]
    assert [threshold(days) for days in (20, 14, 3, 0, -1)] == [None, 14, 14, 0, -1]


def test_a_list_of_days_from_the_environment(monkeypatch):
    monkeypatch.setenv("REMINDER_DAYS_BEFORE_DUE", " 14, 3 ,,0")
    assert env_int_list("REMINDER_DAYS_BEFORE_DUE", [30]) == [14, 3, 0]
    monkeypatch.setenv("REMINDER_DAYS_BEFORE_DUE", "")
    assert env_int_list("REMINDER_DAYS_BEFORE_DUE", [30]) == []
    monkeypatch.delenv("REMINDER_DAYS_BEFORE_DUE")
    assert env_int_list("REMINDER_DAYS_BEFORE_DUE", [30]) == [30]


@pytest.mark.parametrize("value", ["30;7", "30,seven", "7,-1", "1.5", "³"])
def test_a_malformed_list_of_days_names_the_variable(monkeypatch, value):
    monkeypatch.setenv("REMINDER_DAYS_BEFORE_DUE", value)
    with pytest.raises(ConfigurationError, match="REMINDER_DAYS_BEFORE_DUE="):
        env_int_list("REMINDER_DAYS_BEFORE_DUE", [30])


def test_start_up_stops_on_a_malformed_reminder_setting():
    result = manage("check", **PRODUCTION, REMINDER_DAYS_BEFORE_DUE="30,7 days")
    assert result.returncode != 0
    assert "REMINDER_DAYS_BEFORE_DUE='30,7 days'" in result.stderr
    assert "Traceback" not in result.stderr
    result = manage("check", **PRODUCTION, REMINDER_HOUR="24")
    assert "REMINDER_HOUR='24' is more than 23" in result.stderr


def test_beat_runs_both_daily_tasks(settings):
    from lima_portal.celery import app
    from progress.tasks import send_reminders, send_review_digests

    app.loader.import_default_modules()
    for name, task in [
        ("send-reminders", send_reminders),
        ("send-review-digests", send_review_digests),
    ]:
        entry = settings.CELERY_BEAT_SCHEDULE[name]
        assert entry["task"] == task.name
        assert entry["task"] in app.tasks
        assert entry["schedule"].hour == {settings.REMINDER_HOUR}
