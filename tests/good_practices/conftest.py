import pytest
from django.utils import timezone

from progress.models import ProgressReport


@pytest.fixture
def make_need(cycle):
    """A progress report with a technical-assistance need."""

    def make(participant, mandate, *, status="published", text="", kind="training",
             language="en"):  # fmt: skip
        return ProgressReport.objects.create(
            participant=participant,
            mandate=mandate,
            cycle=cycle,
            status=status,
            published_at=timezone.now() if status == "published" else None,
            assistance_type=kind,
            assistance_description=text or "Training on asset declarations.",
            language=language,
        )

    return make
