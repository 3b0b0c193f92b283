import pytest

from mandates.models import Mandate
from progress.models import ProgressReport
from tests.factories import ProgressReportFactory

Status = ProgressReport.Status
UNPUBLISHED = [s for s in Status.values if s != Status.PUBLISHED]


@pytest.fixture
def every_status(participant, other_participant, cycle, closed_cycle):
    """Reports in every status; only published ones may ever reach the public.

    Unpublished reports carry "UNPUBLISHED-<status>" in every text field and an
    indicator value, so a leak shows up in any format.
    """
    reports = {}
    for number, status in enumerate(Status.values, start=1):
        marker = f"UNPUBLISHED-{status}" if status != Status.PUBLISHED else "public"
        reports[status] = ProgressReportFactory(
            participant=participant,
            mandate=Mandate.objects.get(number=number),
            cycle=cycle,
            status=status,
            implementation_level="completed" if status != "published" else "initial",
            actions_taken=f"Actions {marker}",
            assistance_type="training",
            assistance_description=f"Need {marker}",
            indicator_values={f"{number}.1": f"value {marker}"},
        )
    reports["other"] = ProgressReportFactory(
        participant=other_participant,
        mandate=Mandate.objects.get(number=1),
        cycle=closed_cycle,
        implementation_level="advanced",
    )
    return reports


def assert_no_unpublished(text: str) -> None:
    assert "UNPUBLISHED" not in text
