"""The preview of a workbook asks the database as much for one changed row as
for twenty: who may edit which mandate is read once, not once per row."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from spreadsheets.models import SpreadsheetImport

from ..factories import MembershipFactory
from .sheets import as_file, download, fill, upload

pytestmark = pytest.mark.django_db
# The preview page, for its uploader: the session and the person, the
# participant, the person's role, the cycle, the upload, the mandates, the
# participant's reports, its indicators and their choices, who may edit which
# mandate (one query), and the session saved (three).
PREVIEW_QUERIES = 14


def preview_queries(client, participant, cycle, book) -> int:
    response = upload(client, participant, cycle, as_file(book))
    assert response.status_code == 302, response.content.decode()[-2000:]
    with CaptureQueriesContext(connection) as captured:
        page = client.get(response["Location"])
    assert page.status_code == 200
    SpreadsheetImport.objects.all().delete()
    return len(captured.captured_queries), page.context["changed"]


@pytest.mark.parametrize("who", ["focal", "contributor"])
def test_the_preview_reads_who_may_edit_once_for_all_rows(
    client, request, participant, cycle, draft, who
):
    client.force_login(request.getfixturevalue(who))
    book = download(client, participant, cycle)
    # A contributor's workbook holds the mandates given to them: 1 and 40.
    numbers = [1, 40] if who == "contributor" else [1, *range(2, 20), 40]
    fill(book, 40, actions_taken="Changed in the workbook.")
    one, changed = preview_queries(client, participant, cycle, book)
    assert [row.mandate.number for row in changed] == [40]
    for number in numbers:
        fill(book, number, actions_taken=f"Row {number}, from the workbook.")
    many, changed = preview_queries(client, participant, cycle, book)
    assert [row.mandate.number for row in changed] == numbers
    assert (one, many) == (PREVIEW_QUERIES, PREVIEW_QUERIES)


def test_an_observer_is_refused_an_upload_without_a_query_per_mandate(
    client, participant, cycle, draft, django_assert_max_num_queries
):
    observer = MembershipFactory(participant=participant, role="observer").user
    client.force_login(observer)
    book = download(client, participant, cycle)
    # The session, the person, the participant, the role, the cycle, the
    # mandates and the role on them: not one query for each of the 57.
    with django_assert_max_num_queries(12):
        response = upload(client, participant, cycle, as_file(book))
    assert response.status_code == 403
    assert not SpreadsheetImport.objects.exists()
