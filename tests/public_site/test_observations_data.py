"""Published observations and replies in the open data and at
/api/v1/observations/; nothing unpublished in either."""

import json

import pytest

from mandates.models import Mandate
from tests.factories import (
    ObservationFactory,
    OrganisationFactory,
    ProgressReportFactory,
    ReplyFactory,
)

from .test_opendata import csv_rows, download, xlsx_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def observations(participant, other_participant, mandate, cycle):
    """A published report with one published observation (replied, different
    views), one of another participant without a report, and one observation
    in each unpublished status, each with a secret word and a reply."""
    report = ProgressReportFactory(
        participant=participant, mandate=mandate, cycle=cycle
    )  # advanced
    organisation = OrganisationFactory(name="Acción Ciudadana")
    shown = ObservationFactory(
        organisation=organisation,
        participant=participant,
        mandate=mandate,
        cycle=cycle,
        assessment="initial",
        text="Seen in the field.",
    )
    ReplyFactory(observation=shown, text="We disagree.")
    alone = ObservationFactory(
        participant=other_participant,
        mandate=Mandate.objects.get(number=2),
        cycle=cycle,
        assessment="cannot_assess",
    )
    for status in ("draft", "submitted", "declined"):
        hidden = ObservationFactory(
            organisation=organisation,
            participant=participant,
            mandate=Mandate.objects.get(number=3 + len(status)),
            cycle=cycle,
            status=status,
            text=f"SECRET-{status}",
        )
        ReplyFactory(observation=hidden, text=f"SECRET-reply-{status}")
    return {"report": report, "shown": shown, "alone": alone}


def test_api_lists_published_observations_with_level_and_reply(
    client, observations, participant, mandate, cycle
):
    body = client.get("/api/v1/observations/").json()
    assert body["count"] == 2
    assert "SECRET" not in json.dumps(body)
    first = next(o for o in body["results"] if o["id"] == observations["shown"].pk)
    assert first["organisation_name"] == "Acción Ciudadana"
    assert first["participant"] == participant.code
    assert first["mandate"] == mandate.number
    assert first["cycle"] == cycle.pk
    assert (first["assessment"], first["official_level"]) == ("initial", "advanced")
    assert first["different_views"] is True
    assert first["reply"]["text"] == "We disagree."
    assert first["reply"]["version"] == 1
    alone = next(o for o in body["results"] if o["id"] == observations["alone"].pk)
    assert alone["official_level"] is None
    assert alone["different_views"] is False
    assert alone["reply"] is None


def test_api_filters(client, observations, participant, other_participant, mandate):
    shown = observations["shown"]
    for query in (
        f"participant={participant.code}",
        f"mandate={mandate.number}",
        f"organisation={shown.organisation_id}",
    ):
        body = client.get(f"/api/v1/observations/?{query}").json()
        assert [o["id"] for o in body["results"]] == [shown.pk], query
    body = client.get(f"/api/v1/observations/?participant={other_participant.code}")
    assert [o["id"] for o in body.json()["results"]] == [observations["alone"].pk]
    assert client.get("/api/v1/observations/?cycle=999999").status_code == 400


def test_api_detail_of_an_unpublished_observation_is_404(client, observations):
    from civil_society.models import Observation

    for hidden in Observation.objects.exclude(status="published"):
        assert client.get(f"/api/v1/observations/{hidden.pk}/").status_code == 404
    shown = observations["shown"]
    assert client.get(f"/api/v1/observations/{shown.pk}/").status_code == 200


def test_api_query_count_does_not_grow(
    client, observations, cycle, django_assert_max_num_queries
):
    with django_assert_max_num_queries(8) as few:
        client.get("/api/v1/observations/")
    for number in range(20, 40):
        observation = ObservationFactory(
            mandate=Mandate.objects.get(number=number), cycle=cycle
        )
        ReplyFactory(observation=observation)
    with django_assert_max_num_queries(len(few.captured_queries)):
        body = client.get("/api/v1/observations/").json()
    assert body["count"] == 22


def test_schema_describes_the_observations_endpoint(client):
    schema = client.get("/api/v1/schema/?format=json").json()
    operation = schema["paths"]["/api/v1/observations/"]["get"]
    names = {parameter["name"] for parameter in operation["parameters"]}
    assert {"participant", "mandate", "cycle", "organisation"} <= names
    assert "Observation" in schema["components"]["schemas"]


def test_bulk_files_hold_published_observations_and_replies_only(client, observations):
    for fmt in ("csv", "json", "xlsx"):
        for dataset in ("observations", "observation-replies"):
            body = download(client, f"/en/open-data/{dataset}.{fmt}")
            text = xlsx_text(body) if fmt == "xlsx" else body.decode()
            assert "SECRET" not in text, (dataset, fmt)
    rows = csv_rows(download(client, "/en/open-data/observations.csv"))
    assert len(rows) == 2
    shown = next(
        r for r in rows if r["observation_id"] == str(observations["shown"].pk)
    )
    assert shown["organisation_name"] == "Acción Ciudadana"
    assert (shown["assessment"], shown["official_level"]) == ("initial", "advanced")
    assert shown["different_views"] == "true"
    assert shown["has_reply"] == "true"
    assert shown["url"].endswith(f"/en/reports/{observations['report'].pk}/")
    replies = csv_rows(download(client, "/en/open-data/observation-replies.csv"))
    assert [r["text"] for r in replies] == ["We disagree."]


def test_observation_files_filter_as_the_api_does(
    client, observations, other_participant
):
    rows = csv_rows(
        download(
            client,
            "/en/open-data/observations.csv",
            participant=other_participant.code,
        )
    )
    assert [r["observation_id"] for r in rows] == [str(observations["alone"].pk)]
    response = client.get("/en/open-data/observations.csv?mandate=99")
    assert response.status_code == 400


def test_files_columns_are_those_of_the_dictionary(client, observations):
    from public_site.opendata.observations import OBSERVATION_DATASETS

    for key, dataset in OBSERVATION_DATASETS.items():
        header = download(client, f"/en/open-data/{key}.csv").decode().splitlines()[0]
        assert header.split(",") == [column.key for column in dataset.columns]


def test_open_data_page_and_datapackage_list_the_observation_files(client):
    page = client.get("/en/open-data/").content.decode()
    package = client.get("/en/open-data/datapackage.json").json()
    names = {resource["name"] for resource in package["resources"]}
    for dataset in ("observations", "observation-replies"):
        assert f"/en/open-data/{dataset}.csv" in page
        assert f"{dataset}-csv" in names
