"""Files refused whole: each gets one clear message, and nothing is written."""

import html
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from common.uploads import MAX_BYTES
from progress import services
from progress.models import ProgressReport
from spreadsheets import layout
from spreadsheets.models import SpreadsheetImport
from spreadsheets.workbook import workbook_build

from .sheets import as_file, download, fill, reports_sheet, upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def book(client, focal, participant, cycle, draft):
    """A workbook of the participant's open cycle, with a change in a row."""
    client.force_login(focal)
    return fill(download(client, participant, cycle), 40, actions_taken="Changed.")


def refused(client, participant, cycle, file) -> str:
    """Upload the file; the one error the page shows, once nothing was written."""
    versions = list(ProgressReport.objects.values_list("pk", "version"))
    response = upload(client, participant, cycle, file)
    assert response.status_code == 400
    assert not SpreadsheetImport.objects.exists()
    assert list(ProgressReport.objects.values_list("pk", "version")) == versions
    (error,) = response.context["form"].errors["workbook"]
    assert error in html.unescape(response.content.decode())
    return error


def test_a_file_that_is_not_xlsx_is_refused(client, participant, cycle, book):
    csv = SimpleUploadedFile("reports.csv", b"mandate,level\n40,advanced\n")
    assert refused(client, participant, cycle, csv) == (
        "Upload the workbook as an .xlsx file, as it was downloaded (this file is "
        ".csv)."
    )


def test_a_file_named_xlsx_that_is_not_one_is_refused(client, participant, cycle, book):
    fake = SimpleUploadedFile("reports.xlsx", b"%PDF-1.4 not a workbook")
    assert "does not match its .xlsx extension" in refused(
        client, participant, cycle, fake
    )


def test_a_zip_that_is_not_a_workbook_is_refused(client, participant, cycle, book):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("readme.txt", "hello")
    fake = SimpleUploadedFile("reports.xlsx", out.getvalue())
    # The container check of common.uploads or openpyxl itself says so.
    assert "cannot be opened" in refused(client, participant, cycle, fake)


def test_a_file_over_10_mb_is_refused(client, participant, cycle, book):
    data = as_file(book).read()
    big = SimpleUploadedFile("reports.xlsx", data + b"\0" * (MAX_BYTES + 1 - len(data)))
    assert "the limit is 10 MB" in refused(client, participant, cycle, big)


def test_another_participants_workbook_is_refused(
    client, focal, outsider, participant, other_participant, cycle, book
):
    theirs = workbook_build(user=outsider, participant=other_participant, cycle=cycle)
    file = SimpleUploadedFile("brazil.xlsx", theirs)
    assert refused(client, participant, cycle, file) == (
        "This workbook holds the reports of Brazil, not those of Argentina. Upload "
        "it in the workspace of Brazil, or download the workbook of Argentina."
    )


def test_another_cycles_workbook_is_refused(
    client, focal, participant, cycle, closed_cycle, book
):
    other = workbook_build(user=focal, participant=participant, cycle=closed_cycle)
    file = SimpleUploadedFile("old.xlsx", other)
    assert refused(client, participant, cycle, file) == (
        "This workbook is for the reporting cycle Closed cycle, not Open cycle. "
        "Download the workbook of Open cycle."
    )


def test_a_workbook_of_another_template_version_is_refused(
    client, focal, participant, cycle, book, monkeypatch
):
    monkeypatch.setattr(layout, "TEMPLATE_VERSION", layout.TEMPLATE_VERSION - 1)
    older = workbook_build(user=focal, participant=participant, cycle=cycle)
    monkeypatch.undo()
    error = refused(client, participant, cycle, SimpleUploadedFile("a.xlsx", older))
    assert error.startswith(
        "This workbook was made from another version of the portal's template "
        f"(version {layout.TEMPLATE_VERSION - 1}; the portal now uses version "
        f"{layout.TEMPLATE_VERSION})."
    )


def test_a_workbook_whose_signature_was_changed_is_refused(
    client, participant, cycle, book
):
    about = book["About"]
    signature = next(r for r in about.iter_rows() if r[0].value == "signature")[1]
    signature.value = signature.value.replace(
        signature.value[5], "A" if signature.value[5] != "A" else "B", 1
    )
    assert "was not made by the portal" in refused(
        client, participant, cycle, as_file(book)
    )


def test_a_workbook_without_its_about_sheet_is_refused(
    client, participant, cycle, book
):
    del book["About"]
    assert "was not made by the portal" in refused(
        client, participant, cycle, as_file(book)
    )


def test_formulas_in_answer_cells_refuse_the_file_and_are_named(
    client, participant, cycle, book
):
    sheet = reports_sheet(book)
    fill(book, 40, actions_taken='=HYPERLINK("https://example.org")')
    fill(book, 12, indicator__T_2="=1+1")  # not even its mandate's column
    cells = [
        c.coordinate
        for row in sheet.iter_rows()
        for c in row
        if isinstance(c.value, str) and c.value.startswith("=")
    ]
    error = refused(client, participant, cycle, as_file(book))
    assert error.startswith(f"These cells hold a formula: {', '.join(sorted(cells))}.")


def test_text_that_starts_with_an_equals_sign_is_text_not_a_formula(
    client, focal, participant, cycle, draft
):
    draft = services.report_update(
        user=focal,
        report=draft,
        version=draft.version,
        content={"actions_taken": "=A law, not a formula"},
        indicators={},
    )
    client.force_login(focal)
    book = download(client, participant, cycle)
    fill(book, 40, results="Its results.")
    response = upload(client, participant, cycle, as_file(book))
    assert response.status_code == 302
    preview = client.get(response["Location"])
    (row,) = preview.context["changed"]
    assert [change.label for change in row.changes] == ["Results"]


def test_the_hidden_key_row_changed_is_refused(client, participant, cycle, book):
    reports_sheet(book).cell(layout.KEY_ROW, 5).value = "level"
    assert "hidden first row of the sheet of reports was changed" in refused(
        client, participant, cycle, as_file(book)
    )
