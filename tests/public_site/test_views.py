"""The catalogue's mandate and participant pages, with published progress."""

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from mandates.models import Mandate
from progress.models import ProgressReport

Status = ProgressReport.Status
pytestmark = pytest.mark.django_db


def url(name: str, language: str = "en", **kwargs) -> str:
    with translation.override(language):
        return reverse(name, kwargs=kwargs or None)


# --- Mandate page ---------------------------------------------------------------------


def test_mandate_page_says_official_text_is_not_loaded(client):
    page = client.get(url("mandates:detail", number=2)).content.decode()
    assert "Judicial autonomy and independence" in page
    assert "official text of this mandate has not been loaded" in page


def test_mandate_of_unknown_topic_is_shown_by_number(client):
    page = client.get(url("mandates:detail", number=40)).content.decode()
    assert "<h1>Mandate 40</h1>" in page
    assert "it comes with the official document" in page


def test_mandate_page_shows_official_text_once_loaded(client):
    Mandate.objects.filter(number=2).update(text_es="Texto oficial del mandato 2.")
    page = client.get(url("mandates:detail", "es", number=2)).content.decode()
    assert "Texto oficial del mandato 2." in page
    assert "Autonomía e independencia judicial" in page


def test_unknown_mandate_is_404(client):
    assert client.get("/en/mandates/58/").status_code == 404


# --- Participant page -----------------------------------------------------------------


def test_participant_page_names_the_participant_and_unknown_code_is_404(client):
    page = client.get("/es/participants/arg/").content.decode()
    assert "<h1>Argentina</h1>" in page
    assert client.get("/en/participants/XYZ/").status_code == 404


# --- Published progress on both pages -----------------------------------------------


def test_mandate_and_participant_pages_show_published_reports_only(
    client, draft, other_participant, mandate, cycle, publish
):
    other = ProgressReport.objects.create(
        participant=other_participant,
        mandate=mandate,
        cycle=cycle,
        status=Status.SUBMITTED,
    )
    publish(draft)
    mandate_page = client.get(f"/en/mandates/{mandate.number}/")
    assert [r.pk for r in mandate_page.context["reports"]] == [draft.pk]
    assert f"/en/reports/{other.pk}/" not in mandate_page.content.decode()
    participant_page = client.get(f"/en/participants/{other_participant.code}/")
    assert participant_page.context["cycle"] is None
    assert client.get(f"/en/reports/{other.pk}/").status_code == 404
    assert client.get(f"/en/reports/{draft.pk}/").status_code == 200


def test_mandate_page_query_count_does_not_grow(
    client, mandate, cycle, django_assert_max_num_queries
):
    from accounts.models import Participant

    def add(participants):
        for participant in participants:
            ProgressReport.objects.create(
                participant=participant,
                mandate=mandate,
                cycle=cycle,
                status=Status.PUBLISHED,
                published_at=cycle.opens_on.isoformat() + "T00:00Z",
            )

    add(Participant.objects.filter(code="CAN"))
    with django_assert_max_num_queries(8) as one:
        client.get(f"/en/mandates/{mandate.number}/")
    add(Participant.objects.exclude(code="CAN"))
    with django_assert_max_num_queries(len(one.captured_queries)):
        response = client.get(f"/en/mandates/{mandate.number}/")
    assert len(response.context["reports"]) == 48


def test_participant_page_query_count_does_not_grow(
    client, participant, cycle, django_assert_max_num_queries
):
    def publish_on(numbers):
        for number in numbers:
            ProgressReport.objects.create(
                participant=participant,
                mandate=Mandate.objects.get(number=number),
                cycle=cycle,
                status=Status.PUBLISHED,
                published_at=timezone.now(),
            )

    publish_on([1])
    with django_assert_max_num_queries(8) as one:
        client.get(f"/en/participants/{participant.code}/")
    publish_on(range(2, 58))
    with django_assert_max_num_queries(len(one.captured_queries)):
        response = client.get(f"/en/participants/{participant.code}/")
    assert len(response.context["reports"]) == 57
