"""The demo's progress reports obey the portal's own rules, as a person's must."""

import pytest

from lima_portal.demo.progress_data import demo_progress
from progress.models import ProgressReport
from progress.selectors import report_missing
from progress.services import clean_indicator_values

Status = ProgressReport.Status
pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_reports(focal, secretariat):
    # Two participants' random reports, and the showcase of ARG, OAS and JAM.
    created = demo_progress(
        focal_points={"ARG": focal},
        secretariat=secretariat,
        participant_codes=["BRA", "MEX"],
    )
    reports = list(
        ProgressReport.objects.select_related("participant", "mandate", "cycle")
        .prefetch_related("transitions")
        .order_by("pk")
    )
    assert len(reports) == created > 50
    return reports


def test_demo_answers_pass_the_checks_of_a_persons_answers(demo_reports):
    bounded = 0
    for report in demo_reports:
        values = report.indicator_values
        assert clean_indicator_values(report, values) == values, report
        if report.status != Status.DRAFT:
            assert report_missing(report) == [], report
        if "14.2" in values:
            bounded += 1
            assert 0 <= values["14.2"] <= 8, report
    assert bounded  # the "(0 to 8)" indicator was answered at least once


def test_demo_dates_agree_with_each_reports_history(demo_reports):
    for report in demo_reports:
        transitions = list(report.transitions.all())
        submitted = [t for t in transitions if t.to_status == Status.SUBMITTED]
        published = [t for t in transitions if t.to_status == Status.PUBLISHED]
        assert report.submitted_at == (
            submitted[-1].created_at if submitted else None
        ), report
        assert report.published_at == (
            published[-1].created_at if published else None
        ), report
        first_version = min(record.history_date for record in report.history.all())
        assert all(first_version < t.created_at for t in transitions), report
        assert all(t.created_at.date() <= report.cycle.closes_on for t in transitions)


def test_demo_reports_were_not_changed_once_submitted(demo_reports):
    """A person edits a report only as a draft (or returned): every version of
    a demo report that was submitted is older than its first submission, its
    need for technical assistance included; and some published reports state
    one, for the cooperation pages."""
    published_needs = 0
    for report in demo_reports:
        submissions = [
            t.created_at
            for t in report.transitions.all()
            if t.to_status == Status.SUBMITTED
        ]
        if submissions:
            newest = max(record.history_date for record in report.history.all())
            assert newest < min(submissions), report
        if report.status == Status.PUBLISHED and report.assistance_description:
            published_needs += 1
    assert published_needs > 5
