"""Markers that tests put in unpublished content, to find any leak to the public."""

from progress.models import ProgressReport

Status = ProgressReport.Status
UNPUBLISHED = [s for s in Status.values if s != Status.PUBLISHED]


def assert_no_unpublished(text: str) -> None:
    assert "UNPUBLISHED" not in text
