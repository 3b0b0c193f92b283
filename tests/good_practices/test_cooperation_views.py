"""Needs with the capacities that fit them, and the initiatives that join them."""

import json

import pytest

from good_practices import services
from mandates.models import Mandate

from ..factories import CapacityFactory

pytestmark = pytest.mark.django_db


# --- Needs ---------------------------------------------------------------------------


def test_needs_page_is_public_and_shows_published_needs_only(
    client, make_need, participant, other_participant
):
    mandate = Mandate.objects.get(number=10)
    make_need(participant, mandate, text="Published need on declarations.")
    make_need(other_participant, mandate, status="draft", text="Private need.")
    CapacityFactory(title="Declarations course", mandates=[10])
    page = client.get("/en/cooperation/needs/").content.decode()
    assert "Published need on declarations." in page
    assert "Declarations course" in page
    assert "Private need." not in page


def test_needs_list_query_count_does_not_grow(
    client, make_need, participant, other_participant, django_assert_num_queries
):
    def needs_with_a_capacity(numbers):
        for number in numbers:
            who = participant if number % 2 else other_participant
            make_need(who, Mandate.objects.get(number=number))
            CapacityFactory(mandates=[number])

    # A visitor: no session. 1. the count of open needs; 2. the page of needs with
    # their participant, mandate and cycle; 3. the best capacities for every need
    # on the page (one query, a UNION ALL of one part per need); 4. those
    # capacities with who offers them.
    needs_with_a_capacity([10])
    with django_assert_num_queries(4):
        response = client.get("/en/cooperation/needs/")
    assert [len(fits) for _need, fits in response.context["rows"]] == [1]
    needs_with_a_capacity(range(11, 31))
    with django_assert_num_queries(4):
        response = client.get("/en/cooperation/needs/")
    rows = response.context["rows"]
    assert len(rows) == 10 and all(fits for _need, fits in rows)


def test_secretariat_records_an_initiative_from_the_need_page(
    client, secretariat, make_need, participant
):
    need = make_need(participant, Mandate.objects.get(number=10))
    capacity = CapacityFactory(mandates=[10])
    client.force_login(secretariat)
    page = client.get(f"/en/cooperation/needs/{need.pk}/").content.decode()
    assert capacity.title in page
    client.post(
        f"/en/cooperation/needs/{need.pk}/initiatives/", {"capacity": capacity.pk}
    )
    initiative = need.cooperation_initiatives.get()
    client.post(f"/en/cooperation/initiatives/{initiative.pk}/", {"status": "agreed"})
    initiative.refresh_from_db()
    assert initiative.status == "agreed"
    client.logout()
    public = client.get("/en/cooperation/").content.decode()
    assert capacity.title in public and "Agreed" in public


def test_focal_point_cannot_record_initiatives(client, focal, make_need, participant):
    need = make_need(participant, Mandate.objects.get(number=10))
    client.force_login(focal)
    response = client.post(
        f"/en/cooperation/needs/{need.pk}/initiatives/",
        {"capacity": CapacityFactory().pk},
    )
    assert response.status_code == 404


def test_need_of_an_unpublished_report_is_404_for_the_public(
    client, make_need, participant
):
    need = make_need(participant, Mandate.objects.get(number=10), status="submitted")
    assert client.get(f"/en/cooperation/needs/{need.pk}/").status_code == 404


# --- Public initiatives -----------------------------------------------------------


def test_public_initiatives_download_matches_the_list_and_its_filter(
    client, make_need, participant, other_participant, mandate, secretariat
):
    capacity = CapacityFactory()
    agreed = services.initiative_record(
        user=secretariat, need=make_need(participant, mandate), capacity=capacity
    )
    services.initiative_update(user=secretariat, initiative=agreed, status="agreed")
    services.initiative_record(
        user=secretariat,
        need=make_need(other_participant, mandate, status="submitted"),
        capacity=capacity,
    )
    shown = list(client.get("/en/cooperation/").context["page"])
    assert shown == [agreed]
    response = client.get("/en/cooperation/initiatives.json", {"status": "agreed"})
    rows = json.loads(b"".join(response.streaming_content))["rows"]
    assert [(row["id"], row["status"]) for row in rows] == [(agreed.pk, "agreed")]
    proposed = client.get("/en/cooperation/initiatives.json", {"status": "proposed"})
    assert json.loads(b"".join(proposed.streaming_content))["rows"] == []


def test_public_initiatives_list_query_count_does_not_grow(
    client,
    make_need,
    participant,
    other_participant,
    secretariat,
    django_assert_num_queries,
):
    def initiatives(numbers):
        for number in numbers:
            who = participant if number % 2 else other_participant
            need = make_need(who, Mandate.objects.get(number=number))
            capacity = CapacityFactory(participant=who, mandates=[number])
            services.initiative_record(user=secretariat, need=need, capacity=capacity)

    # A visitor: no session. 1. the count of public initiatives; 2. the page of
    # them, each with its need's participant, mandate and cycle and its
    # capacity's participant (joins).
    initiatives([10])
    with django_assert_num_queries(2):
        response = client.get("/en/cooperation/")
    assert len(response.context["page"]) == 1
    initiatives(range(11, 31))
    with django_assert_num_queries(2):
        response = client.get("/en/cooperation/")
    assert len(response.context["page"]) == 21
