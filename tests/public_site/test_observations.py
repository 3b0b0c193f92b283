"""Published civil-society observations beside the official reports, on the
public pages; nothing unpublished ever shows."""

import pytest

from accounts.models import Participant
from civil_society import public
from mandates.models import Mandate
from tests.factories import (
    ObservationFactory,
    OrganisationFactory,
    ProgressReportFactory,
    ReplyFactory,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("official", "assessment", "differ"),
    [
        ("advanced", "initial", True),  # two steps apart
        ("completed", "not_started", True),
        ("initial", "advanced", True),
        ("advanced", "in_progress", False),  # one step
        ("advanced", "advanced", False),
        ("advanced", "cannot_assess", False),  # never differs
        ("not_started", "not_applicable", False),
        ("", "initial", False),  # no official level
        (None, "initial", False),
    ],
)
def test_views_differ_by_two_levels_or_more(official, assessment, differ):
    assert public.views_differ(official, assessment) is differ


@pytest.fixture
def report(participant, mandate, cycle):
    return ProgressReportFactory(
        participant=participant,
        mandate=mandate,
        cycle=cycle,
        implementation_level="advanced",
    )


@pytest.fixture
def unpublished(participant, mandate, cycle):
    """One observation in each unpublished status, each with a word of its own,
    and a reply stored on the draft (as a broken row would be)."""
    made = {
        status: ObservationFactory(
            participant=participant,
            mandate=mandate,
            cycle=cycle,
            status=status,
            text=f"SECRET-{status}",
        )
        for status in ("draft", "submitted", "declined")
    }
    ReplyFactory(observation=made["draft"], text="SECRET-reply")
    return made


def test_public_pages_show_observation_beside_the_report_with_its_reply(
    client, report, participant, mandate, cycle, unpublished
):
    observation = ObservationFactory(
        participant=participant,
        mandate=mandate,
        cycle=cycle,
        assessment="initial",
        organisation=OrganisationFactory(
            name="Poder Ciudadano", website="https://poderciudadano.example.org/"
        ),
        text="The agency has no budget.",
    )
    ReplyFactory(observation=observation, text="The budget came in March.")
    pages = [
        f"/en/mandates/{mandate.number}/",
        f"/en/participants/{participant.code}/",
        f"/en/reports/{report.pk}/",
    ]
    for address in pages:
        page = client.get(address).content.decode()
        assert "Observation by Poder Ciudadano" in page, address
        assert "independent civil-society view" in page
        assert 'href="https://poderciudadano.example.org/"' in page
        assert "The agency has no budget." in page
        assert "Reply by Argentina" in page
        assert "The budget came in March." in page
        # advanced (official) against initial: two levels apart.
        assert 'different-views">Different views' in page
        assert "SECRET" not in page, address


def test_one_level_apart_is_not_marked(client, report, participant, mandate, cycle):
    ObservationFactory(
        participant=participant, mandate=mandate, cycle=cycle, assessment="completed"
    )
    page = client.get(f"/en/reports/{report.pk}/").content.decode()
    assert "Observation by" in page
    assert "different-views" not in page


def test_no_observation_beside_an_unpublished_report(
    client, focal, participant, mandate, cycle
):
    draft = ProgressReportFactory(
        participant=participant,
        mandate=mandate,
        cycle=cycle,
        status="draft",
        published_at=None,
    )
    ObservationFactory(participant=participant, mandate=mandate, cycle=cycle)
    client.force_login(focal)
    page = client.get(f"/en/reports/{draft.pk}/").content.decode()
    assert "Observation by" not in page


def test_observation_without_a_published_report_is_shown_apart(
    client, report, participant, cycle
):
    other_mandate = Mandate.objects.get(number=2)
    ObservationFactory(
        participant=participant, mandate=other_mandate, cycle=cycle, text="Apart."
    )
    response = client.get(f"/en/participants/{participant.code}/")
    assert [o.text for o in response.context["unreported_observations"]] == ["Apart."]
    assert "Observations where no official report is published" in (
        response.content.decode()
    )


def test_pages_say_nothing_of_observations_when_there_are_none(client, report, mandate):
    page = client.get(f"/en/mandates/{mandate.number}/").content.decode()
    assert "Independent civil-society observations" not in page


def test_observations_in_spanish(client, report, participant, mandate, cycle):
    ObservationFactory(
        participant=participant, mandate=mandate, cycle=cycle, assessment="initial"
    )
    page = client.get(f"/es/reports/{report.pk}/").content.decode()
    assert "Observaciones independientes de la sociedad civil" in page
    assert "Visiones distintas" in page


def test_mandate_page_query_count_does_not_grow_with_observations(
    client, mandate, cycle, django_assert_max_num_queries
):
    def add(participants):
        for participant in participants:
            ProgressReportFactory(participant=participant, mandate=mandate, cycle=cycle)
            observation = ObservationFactory(
                participant=participant, mandate=mandate, cycle=cycle
            )
            ReplyFactory(observation=observation)

    add(Participant.objects.filter(code="CAN"))
    with django_assert_max_num_queries(10) as one:
        client.get(f"/en/mandates/{mandate.number}/")
    add(Participant.objects.exclude(code="CAN")[:20])
    with django_assert_max_num_queries(len(one.captured_queries)):
        response = client.get(f"/en/mandates/{mandate.number}/")
    assert response.context["observed"] == 21


def test_report_page_query_count_does_not_grow_with_observations(
    client, report, participant, mandate, cycle, django_assert_max_num_queries
):
    ObservationFactory(participant=participant, mandate=mandate, cycle=cycle)
    with django_assert_max_num_queries(20) as one:
        client.get(f"/en/reports/{report.pk}/")
    for _ in range(5):
        observation = ObservationFactory(
            participant=participant, mandate=mandate, cycle=cycle
        )
        ReplyFactory(observation=observation)
    with django_assert_max_num_queries(len(one.captured_queries)):
        page = client.get(f"/en/reports/{report.pk}/").content.decode()
    assert page.count('class="observation"') == 6


def test_section_counts_of_observed_reports_and_different_views(
    participant, other_participant, cycle
):
    first, second = Mandate.objects.filter(section__code="A").order_by("number")[:2]
    ProgressReportFactory(
        participant=participant,
        mandate=first,
        cycle=cycle,
        implementation_level="advanced",
    )
    ProgressReportFactory(
        participant=other_participant,
        mandate=first,
        cycle=cycle,
        implementation_level="initial",
    )
    ProgressReportFactory(participant=participant, mandate=second, cycle=cycle)
    # Two observations of one report, one of them far from it: one report, different.
    ObservationFactory(
        participant=participant, mandate=first, cycle=cycle, assessment="initial"
    )
    ObservationFactory(
        participant=participant, mandate=first, cycle=cycle, assessment="advanced"
    )
    ObservationFactory(
        participant=other_participant,
        mandate=first,
        cycle=cycle,
        assessment="in_progress",
    )
    # Not counted: unpublished, and without a published report.
    ObservationFactory(
        participant=participant,
        mandate=second,
        cycle=cycle,
        status="submitted",
        assessment="not_started",
        published_at=None,
    )
    ObservationFactory(
        participant=participant, mandate=Mandate.objects.get(number=40), cycle=cycle
    )
    rows = public.section_observation_counts(cycle=cycle)
    assert [(r.code, r.observed, r.different) for r in rows] == [("A", 2, 1)]


def test_published_never_returns_unpublished(participant, mandate, cycle, unpublished):
    ObservationFactory(participant=participant, mandate=mandate, cycle=cycle)
    assert [o.status for o in public.published()] == ["published"]
    assert list(public.published_replies()) == []


def test_dashboards_count_observed_reports_per_section(client, participant, cycle):
    first = Mandate.objects.filter(section__code="A").order_by("number").first()
    ProgressReportFactory(
        participant=participant,
        mandate=first,
        cycle=cycle,
        implementation_level="completed",
    )
    page = client.get("/en/dashboards/").content.decode()
    assert (
        "No published report of this cycle carries a civil-society observation" in page
    )
    ObservationFactory(
        participant=participant, mandate=first, cycle=cycle, assessment="initial"
    )
    ObservationFactory(
        participant=participant,
        mandate=first,
        cycle=cycle,
        status="draft",
        published_at=None,
    )
    response = client.get("/en/dashboards/")
    rows = response.context["observation_sections"]
    assert [(r.code, r.observed, r.different) for r in rows] == [("A", 1, 1)]
    assert "Reports with different views" in response.content.decode()
