import pytest

from ..factories import CapacityFactory, GoodPracticeFactory

pytestmark = pytest.mark.django_db


def test_good_practices_endpoint_lists_published_practices_only(client):
    practice = GoodPracticeFactory(title="Open budget", mandates=[14, 16])
    GoodPracticeFactory(title="Draft budget", status="draft", published_at=None)
    CapacityFactory(title="Budget course")
    data = client.get("/api/v1/good-practices/").json()
    assert data["count"] == 1
    item = data["results"][0]
    assert item["id"] == practice.pk
    assert item["participant"] == "ARG"
    assert sorted(item["mandates"]) == [14, 16]
    assert item["page"].endswith(f"/en/good-practices/{practice.pk}/")
    assert item["results"] == "Measured results."


def test_unpublished_records_are_404_in_the_api(client):
    draft = GoodPracticeFactory(status="submitted", published_at=None)
    capacity = CapacityFactory(status="declined", published_at=None, decline_reason="x")
    assert client.get(f"/api/v1/good-practices/{draft.pk}/").status_code == 404
    assert client.get(f"/api/v1/capacities/{capacity.pk}/").status_code == 404
    # Nor is a capacity found under the practices' address.
    published = CapacityFactory()
    assert client.get(f"/api/v1/good-practices/{published.pk}/").status_code == 404
    assert client.get(f"/api/v1/capacities/{published.pk}/").status_code == 200


def test_api_search_and_filters_match_the_page(client):
    GoodPracticeFactory(title="Protección de denunciantes", language="es")
    GoodPracticeFactory(title="Whistleblower protection", language="en")
    GoodPracticeFactory(title="Beneficiarios finales", language="es", mandates=[12])
    api = client.get(
        "/api/v1/good-practices/", {"q": "proteccion", "language": "es"}
    ).json()
    page = client.get("/en/good-practices/", {"q": "proteccion", "language": "es"})
    assert [r["title"] for r in api["results"]] == ["Protección de denunciantes"]
    assert [r.title for r in page.context["page"]] == ["Protección de denunciantes"]
    by_mandate = client.get("/api/v1/good-practices/", {"mandate": 12}).json()
    assert [r["title"] for r in by_mandate["results"]] == ["Beneficiarios finales"]


def test_capacities_endpoint_filters_by_type_of_support(client, participant):
    CapacityFactory(title="Grants", support_type="funding")
    course = CapacityFactory(support_type="training")
    course.countries.set([participant])
    data = client.get("/api/v1/capacities/", {"support": "training"}).json()
    assert [r["title"] for r in data["results"]] == [course.title]
    assert data["results"][0]["countries"] == ["ARG"]
    assert data["results"][0]["subregions"] == ["americas"]


def test_api_query_count_does_not_grow(client, django_assert_max_num_queries):
    GoodPracticeFactory()
    CapacityFactory()
    # The count, the page, its mandates, the kind's own rows, and their
    # attachments (practices) or countries covered (capacities).
    with django_assert_max_num_queries(5) as practices:
        client.get("/api/v1/good-practices/", {"q": "practice"})
    with django_assert_max_num_queries(5) as capacities:
        client.get("/api/v1/capacities/")
    for index in range(20):
        GoodPracticeFactory(title=f"Practice {index}", mandates=[10, 11])
        CapacityFactory(mandates=[2, 3])
    with django_assert_max_num_queries(len(practices.captured_queries)):
        client.get("/api/v1/good-practices/", {"q": "practice"})
    with django_assert_max_num_queries(len(capacities.captured_queries)):
        client.get("/api/v1/capacities/")


def test_api_is_read_only(client, focal):
    client.force_login(focal)
    response = client.post(
        "/api/v1/good-practices/", {}, content_type="application/json"
    )
    assert response.status_code == 405
