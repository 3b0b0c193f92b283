"""The public database: search, its download, practice and capacity pages, files."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from mandates.models import Mandate

from ..factories import CapacityFactory, GoodPracticeFactory

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


# --- Search page ---------------------------------------------------------------------


def test_search_page_shows_results_facets_and_keeps_state_in_the_url(client):
    GoodPracticeFactory(title="Open contracting portal", language="en")
    CapacityFactory(title="Open contracting course", language="en")
    response = client.get(
        "/en/good-practices/", {"q": "contracting", "kind": "capacity"}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Open contracting course" in page
    assert "Open contracting portal" not in page
    assert "1 result for “contracting”" in page
    # The kind facet still offers practices, with its count, as a shareable link.
    assert "?q=contracting&amp;kind=capacity&amp;kind=practice" in page
    assert 'name="kind" value="capacity"' in page  # kept on a new search


def test_search_page_in_spanish_interface(client):
    GoodPracticeFactory(title="Denuncias anónimas", language="es")
    response = client.get("/es/good-practices/", {"q": "denuncias anonimas"})
    assert "Denuncias anónimas" in response.content.decode()


def test_search_page_query_count_does_not_grow_with_the_data(
    client, django_assert_max_num_queries, participant, other_participant
):
    GoodPracticeFactory(title="Integrity pacts")
    # 1 the planner's estimate of the matches, which decides whether the page
    # counts exactly (search/bounded.py); 2 the page's keys with the count of
    # all (practices, capacities and civil-society observations: one UNION);
    # 3 the page's records with their mandates' numbers and names and their
    # capacities' type of support; 4 the newest publication, which keys the
    # cached facet counts; 5 the counts of every facet without a choice, 6
    # those of the chosen language; 7 and 8 the same for the observations; 9
    # the names of the participants, mandates and sections. (An observation on
    # the page adds its rows.)
    with django_assert_max_num_queries(9) as one:
        client.get("/en/good-practices/", {"q": "integrity", "language": "en"})
    for index in range(30):
        factory = GoodPracticeFactory if index % 2 else CapacityFactory
        factory(
            title=f"Integrity pacts {index}",
            participant=participant if index % 3 else other_participant,
            mandates=[10 + index % 5, 2],
            language="en",
        )
    with django_assert_max_num_queries(len(one.captured_queries)):
        response = client.get(
            "/en/good-practices/", {"q": "integrity", "language": "en"}
        )
    assert len(response.context["page"].object_list) == 20
    with django_assert_max_num_queries(len(one.captured_queries)):
        client.get("/en/good-practices/")


def test_page_beyond_the_last_shows_the_last(client):
    GoodPracticeFactory()
    assert client.get("/en/good-practices/", {"page": "99"}).status_code == 200


# --- Detail pages --------------------------------------------------------------------


def test_practice_page_shows_related_practices_and_capacities(client):
    practice = GoodPracticeFactory(title="Asset declarations", mandates=[10])
    GoodPracticeFactory(title="Conflict of interest rules", mandates=[10, 11])
    CapacityFactory(title="Asset declaration training", mandates=[10])
    CapacityFactory(title="Judges exchange", mandates=[2])
    page = client.get(f"/en/good-practices/{practice.pk}/").content.decode()
    assert "Conflict of interest rules" in page
    assert "Asset declaration training" in page
    assert "Judges exchange" not in page


def test_capacity_page_lists_the_needs_it_could_meet(client, make_need, participant):
    mandate = Mandate.objects.get(number=10)
    make_need(participant, mandate, text="Training on asset declarations.")
    capacity = CapacityFactory(mandates=[10])
    page = client.get(f"/en/capacities/{capacity.pk}/").content.decode()
    assert "Argentina, mandate 10" in page


# --- Files and the results download --------------------------------------------------


def test_files_of_a_draft_are_for_members_only(client, focal, outsider, media):
    draft = GoodPracticeFactory(status="draft", published_at=None)
    client.force_login(focal)
    client.post(
        f"/en/good-practices/{draft.pk}/files/",
        {"title": "Evaluation", "upload": SimpleUploadedFile("e.pdf", PDF)},
    )
    item = draft.attachments.get()
    url = f"/en/good-practices/{draft.pk}/files/{item.pk}/"
    assert client.get(url).status_code == 200
    client.force_login(outsider)
    assert client.get(url).status_code == 404


def test_search_results_download_holds_what_the_page_shows(client, participant):
    import csv
    import io

    GoodPracticeFactory(title="Asset declarations online", mandates=[10])
    GoodPracticeFactory(title="Asset declarations of judges", mandates=[2])
    GoodPracticeFactory(title="Declarations in draft", status="draft", mandates=[10])
    CapacityFactory(title="Course on asset declarations", mandates=[10])
    query = {"q": "asset declarations", "mandate": "10"}
    page = client.get("/en/good-practices/", query)
    shown = [record.pk for record in page.context["page"]]
    assert len(shown) == 2
    link = "/en/good-practices/results.csv?q=asset+declarations&mandate=10"
    assert link.replace("&", "&amp;") in page.content.decode()
    response = client.get(link)
    rows = list(
        csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode()))
    )
    assert [int(row["id"]) for row in rows] == shown
    assert {row["kind"] for row in rows} == {"practice", "capacity"}
    assert all(row["title"] != "Declarations in draft" for row in rows)
    assert client.get("/en/good-practices/results.pdf").status_code == 404


def test_capacities_are_paged_with_their_count_read_with_the_page(client):
    for index in range(25):
        CapacityFactory(title=f"Capacity {index:02}")
    # Observations are not a kind asked for: the records' page and their
    # count come from one query (a window count); past the last page, or on
    # a page that is no number, the Paginator's own answer.
    for number, shown in (("1", 20), ("2", 5), ("99", 5), ("x", 20)):
        response = client.get(
            "/en/good-practices/", {"kind": "capacity", "page": number}
        )
        page = response.context["page"]
        assert len(page.object_list) == shown
        assert page.paginator.count == 25
        assert "25 records" in response.content.decode()
    titles = [r.title for r in response.context["page"].object_list]
    assert titles == [f"Capacity {index:02}" for index in range(24, 4, -1)]
