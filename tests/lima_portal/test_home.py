import pytest

from progress.models import ProgressReport

pytestmark = pytest.mark.django_db


def test_home_figures_count_only_published_work(client, participant, mandate, cycle):
    ProgressReport.objects.create(
        participant=participant, mandate=mandate, cycle=cycle, status="submitted"
    )
    figures = client.get("/en/").context["figures"]
    assert (figures["mandates"], figures["states"], figures["jswg_entities"]) == (
        57,
        35,
        13,
    )
    assert figures["published_reports"] == 0
    ProgressReport.objects.update(status="published")
    page = client.get("/en/")
    assert page.context["figures"]["published_reports"] == 1
    assert "published progress report<" in page.content.decode()
