"""Every kind of write that the public sees shows on the next request of a page
that was stored before it (common.pagecache, lima_portal.public_content).

Each test stores a page, checks the next request is served from the store,
makes the write with its on_commit hooks run (as its commit would), and reads
the page again.
"""

from datetime import timedelta

import pytest
from django.utils import timezone

from good_practices import services as practice_services
from mandates.models import Indicator, Section
from progress import services as report_services
from progress.models import Evidence, ReportingCycle
from tests.factories import CapacityFactory, GoodPracticeFactory, UserFactory
from tests.lima_portal.test_admin_history import change_url, open_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Runs a block of writes, then the hooks its commit would run."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def stored(client, path: str):
    client.get(path)
    response = client.get(path)
    assert response["X-Page-Cache"] == "hit", path
    return response


def fresh(client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200
    assert response["X-Page-Cache"] == "miss", path
    return response.content.decode()


@pytest.fixture
def published(draft, publish, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return publish(draft)


# --- Reports ------------------------------------------------------------------------


def test_a_publication_shows_at_once(client, page_cache, committed, draft, publish):
    stored(client, "/en/mandates/40/")
    count = stored(client, "/api/v1/reports/").json()["count"]
    with committed():
        publish(draft)
    assert f"/en/reports/{draft.pk}/" in fresh(client, "/en/mandates/40/")
    assert client.get("/api/v1/reports/").json()["count"] == count + 1


def test_a_validation_makes_the_stored_pages_out_of_date(
    client, page_cache, committed, submitted, secretariat
):
    etag = stored(client, "/en/mandates/40/")["ETag"]
    with committed():
        report_services.report_validate(user=secretariat, report=submitted)
    fresh(client, "/en/mandates/40/")
    assert client.get("/en/mandates/40/")["ETag"] != etag


def test_a_draft_saved_keeps_the_stored_pages(
    client, page_cache, committed, draft, focal
):
    stored(client, "/en/mandates/40/")
    with committed():
        report_services.report_update(
            user=focal, report=draft, version=draft.version,
            content={"actions_taken": "Still a draft."}, indicators={},
        )  # fmt: skip
    assert client.get("/en/mandates/40/")["X-Page-Cache"] == "hit"


# --- Good practices and capacities ---------------------------------------------


def test_a_good_practice_published_shows_at_once(
    client, page_cache, committed, secretariat
):
    practice = GoodPracticeFactory(status="submitted", published_at=None)
    count = stored(client, "/api/v1/good-practices/").json()["count"]
    with committed():
        practice_services.contribution_publish(user=secretariat, record=practice)
    assert client.get("/api/v1/good-practices/").json()["count"] == count + 1


def test_a_capacity_published_shows_at_once(client, page_cache, committed, secretariat):
    capacity = CapacityFactory(status="submitted", published_at=None)
    count = stored(client, "/api/v1/capacities/").json()["count"]
    with committed():
        practice_services.contribution_publish(user=secretariat, record=capacity)
    assert client.get("/api/v1/capacities/").json()["count"] == count + 1


def test_a_published_practice_deleted_in_the_admin_leaves_at_once(
    client, page_cache, committed, admin
):
    practice = GoodPracticeFactory()
    count = stored(client, "/api/v1/good-practices/").json()["count"]
    with committed():
        response = admin.post(
            f"/admin/good_practices/goodpractice/{practice.pk}/delete/",
            {"post": "yes"},
        )
        assert response.status_code == 302
    assert client.get("/api/v1/good-practices/").json()["count"] == count - 1


# --- The admin: any write, even of records no signal watches ---------------------


@pytest.fixture
def admin(admin_client_for):
    return admin_client_for(UserFactory(is_staff=True, is_superuser=True))


def test_a_cycle_edited_in_the_admin_shows_at_once(
    client, page_cache, committed, admin, cycle
):
    stored(client, "/api/v1/cycles/")
    data = {**open_form(admin, cycle), "name": "Cycle renamed in the admin"}
    with committed():
        assert admin.post(change_url(cycle), data).status_code == 302
    assert "Cycle renamed in the admin" in fresh(client, "/api/v1/cycles/")


def test_evidence_removed_in_the_admin_leaves_the_public_report_at_once(
    client, page_cache, committed, published, admin
):
    with committed():
        evidence = Evidence.objects.create(
            report=published, title="Decree 123", url="https://example.org/decree"
        )
    path = f"/en/reports/{published.pk}/"
    assert "Decree 123" in stored(client, path).content.decode()
    with committed():
        response = admin.post(
            f"/admin/progress/evidence/{evidence.pk}/delete/", {"post": "yes"}
        )
        assert response.status_code == 302
    assert "Decree 123" not in fresh(client, path)


# --- Reference data and cycles -------------------------------------------------------


def test_an_edited_mandate_shows_at_once(client, page_cache, committed, mandate):
    stored(client, "/en/mandates/")
    mandate.topic_en = "Topic rewritten by the secretariat"
    with committed():
        mandate.save()
    assert "Topic rewritten by the secretariat" in fresh(client, "/en/mandates/")


def test_an_edited_section_shows_at_once(client, page_cache, committed):
    stored(client, "/api/v1/sections/")
    section = Section.objects.get(code="A")
    section.title_en = "Section title rewritten"
    with committed():
        section.save()
    assert "Section title rewritten" in fresh(client, "/api/v1/sections/")


def test_an_edited_participant_shows_at_once(
    client, page_cache, committed, participant
):
    stored(client, "/en/participants/")
    participant.name_en = "Argentine Republic"
    with committed():
        participant.save()
    assert "Argentine Republic" in fresh(client, "/en/participants/")


def test_an_edited_indicator_shows_at_once(client, page_cache, committed, published):
    path = f"/en/reports/{published.pk}/"
    stored(client, path)
    indicator = Indicator.objects.filter(mandate=published.mandate).first()
    indicator.label_en = "An indicator renamed"
    with committed():
        indicator.save()
    assert "An indicator renamed" in fresh(client, path)


def test_a_new_cycle_shows_at_once(client, page_cache, committed):
    count = stored(client, "/api/v1/cycles/").json()["count"]
    today = timezone.localdate()
    with committed():
        ReportingCycle.objects.create(
            name="Next cycle",
            opens_on=today + timedelta(days=300),
            due_on=today + timedelta(days=360),
            closes_on=today + timedelta(days=390),
        )
    assert client.get("/api/v1/cycles/").json()["count"] == count + 1
