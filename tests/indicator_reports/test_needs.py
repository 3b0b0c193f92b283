"""Report (d): needs with the capacities matched to them, in the secretariat's file."""

import pytest

from good_practices.models import CooperationInitiative
from indicator_reports import services
from indicator_reports.params import ReportParams
from progress.models import ProgressReport
from tests.factories import CapacityFactory
from tests.indicator_reports.test_services import read_csv

pytestmark = pytest.mark.django_db


def test_needs_report_lists_matched_capacities_and_initiatives(
    secretariat, media, participant, mandate, cycle
):
    need = ProgressReport.objects.create(
        participant=participant,
        mandate=mandate,
        cycle=cycle,
        status=ProgressReport.Status.SUBMITTED,
        assistance_type="training",
        assistance_description="Training for judges on asset declarations.",
    )
    serving = CapacityFactory(
        title="Course on asset declarations", mandates=[mandate.number]
    )
    CapacityFactory(
        title="Unrelated funding line", support_type="funding", mandates=[3]
    )
    CooperationInitiative.objects.create(
        need=need, capacity=serving, status="agreed", created_by=secretariat
    )
    job = services.report_job_request(
        user=secretariat, kind="needs", fmt="csv", params=ReportParams(), language="en"
    )
    services.report_job_run(job_id=job.pk)
    job.refresh_from_db()
    [row] = read_csv(job)
    assert row["report_id"] == str(need.pk)
    assert row["matched_capacities"].startswith(
        "Course on asset declarations (Organization of American States"
    )
    assert "Unrelated funding line" not in row["matched_capacities"]
    assert row["cooperation_initiatives"] == "Course on asset declarations [agreed]"
