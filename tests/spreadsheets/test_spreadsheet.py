"""The spreadsheet round trip through its pages: download, upload, preview,
confirm; who may do each; the workbook's languages."""

import pytest
from openpyxl.worksheet.datavalidation import DataValidation

from mandates.models import Mandate
from progress import services
from progress.models import ProgressReport
from spreadsheets import layout
from spreadsheets.models import SpreadsheetImport

from ..factories import MembershipFactory
from .sheets import as_file, cell, column, download, fill, reports_sheet, upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def written(focal, draft):
    """The draft of mandate 40 with some content: version 2."""
    return services.report_update(
        user=focal,
        report=draft,
        version=draft.version,
        content={"implementation_level": "initial", "actions_taken": "A bill."},
        indicators={"T.1": "no", "T.2": "3"},
    )


def validations_of(sheet, coordinate) -> list[DataValidation]:
    return [
        dv for dv in sheet.data_validations.dataValidation if coordinate in dv.sqref
    ]


def test_download_holds_a_row_per_mandate_with_the_current_content(
    client, focal, participant, cycle, written
):
    client.force_login(focal)
    book = download(client, participant, cycle)
    sheet = reports_sheet(book)
    assert sheet.max_row == layout.FIRST_ROW + 56
    assert sheet.row_dimensions[layout.KEY_ROW].hidden
    assert cell(sheet, 40, "implementation_level").value == "Initial"
    assert cell(sheet, 40, "actions_taken").value == "A bill."
    assert cell(sheet, 40, "indicator:T.1").value == "No"
    assert cell(sheet, 40, "indicator:T.2").value == 3
    assert cell(sheet, 40, layout.VERSION).value == written.version
    assert cell(sheet, 12, layout.VERSION).value == 0
    assert cell(sheet, 12, "implementation_level").value is None
    version_letter = cell(sheet, 40, layout.VERSION).column_letter
    assert sheet.column_dimensions[version_letter].hidden
    assert book["About"].sheet_state == "hidden"
    header = sheet.cell(layout.HEADER_ROW, column(sheet, "indicator:T.3")).value
    assert header == "T.3 Share answered on time (%)"


def test_each_answer_cell_has_the_validation_of_its_type(
    client, focal, participant, cycle, written
):
    client.force_login(focal)
    book = download(client, participant, cycle)
    sheet, lists = reports_sheet(book), book["Lists"]

    def only(key):
        (validation,) = validations_of(sheet, cell(sheet, 40, key).coordinate)
        return validation

    def listed(validation):
        letter = validation.formula1.split("!$")[1][0]
        return [c.value for c in lists[letter] if c.value is not None]

    assert listed(only("implementation_level"))[:2] == ["Not started", "Initial"]
    assert "Training" in listed(only("assistance_type"))
    assert listed(only("indicator:T.1")) == ["Yes", "No"]
    assert listed(only("indicator:T.4")) == ["Merit", "Appointment"]
    assert (only("indicator:T.3").type, only("indicator:T.3").formula2) == (
        "decimal",
        "100",
    )
    number = only("indicator:T.2")
    assert (number.type, number.formula1, number.formula2) == (
        "decimal",
        "0",
        str(10**12),
    )
    assert (only("indicator:T.5").type, only("indicator:T.5").formula1) == (
        "textLength",
        "500",
    )
    assert (only("actions_taken").type, only("actions_taken").formula1) == (
        "textLength",
        "10000",
    )
    # An indicator of mandate 40 has no place in the row of mandate 12.
    assert not validations_of(sheet, cell(sheet, 12, "indicator:T.1").coordinate)


def test_rows_that_may_not_be_edited_are_locked(
    client, focal, participant, cycle, submitted
):
    client.force_login(focal)
    sheet = reports_sheet(download(client, participant, cycle))
    assert sheet.protection.sheet
    assert cell(sheet, 40, "actions_taken").protection.locked
    assert cell(sheet, 40, layout.STATUS).value == "Submitted"
    assert not cell(sheet, 12, "actions_taken").protection.locked
    assert cell(sheet, 12, layout.MANDATE).protection.locked
    # Another mandate's indicator: no cell, the column's grey locked style.
    other = cell(sheet, 12, "indicator:T.1")
    assert other.value is None and other.protection.locked
    assert sheet.column_dimensions[other.column_letter].fill.fgColor.rgb == "00E7E6E6"


def test_round_trip_saves_each_changed_mandate_once_by_the_uploader(
    client, focal, participant, cycle, mandate, written
):
    uploader = MembershipFactory(participant=participant).user
    client.force_login(uploader)
    book = download(client, participant, cycle)
    fill(
        book,
        40,
        implementation_level="Advanced",
        actions_taken="The law was adopted.",
        indicator__T_1="Yes",
        indicator__T_2=120,
        indicator__T_3=87.5,
        indicator__T_4="Merit",
        indicator__T_5="Law 27.275",
    )
    fill(book, 12, implementation_level="In progress", actions_taken="A plan.")

    response = upload(client, participant, cycle, as_file(book))
    assert response.status_code == 302
    pending = SpreadsheetImport.objects.get()
    assert response["Location"].endswith(f"/spreadsheet/{pending.pk}/")
    # Nothing written before the person confirms.
    written.refresh_from_db()
    assert written.version == 2 and written.actions_taken == "A bill."
    assert not ProgressReport.objects.filter(mandate__number=12).exists()

    page = client.get(response["Location"])
    text = page.content.decode()
    assert [row.mandate.number for row in page.context["changed"]] == [12, 40]
    assert "A bill." in text and "The law was adopted." in text
    changes = {c.label: (c.before, c.after) for c in page.context["changed"][1].changes}
    assert changes["Implementation level"] == ("Initial", "Advanced")
    assert changes["T.1 Is a law in force?"] == ("No", "Yes")
    assert changes["T.3 Share answered on time (%)"] == ("", "87.5 %")

    confirmed = client.post(f"{response['Location']}confirm/")
    assert confirmed.status_code == 302
    written.refresh_from_db()
    assert (written.version, written.updated_by) == (3, uploader)
    assert written.implementation_level == "advanced"
    assert written.indicator_values == {
        "T.1": True,
        "T.2": 120,
        "T.3": 87.5,
        "T.4": "merit",
        "T.5": "Law 27.275",
    }
    assert written.history.filter(version=3).get().history_user == uploader
    started = ProgressReport.objects.get(mandate__number=12, participant=participant)
    assert (started.created_by, started.updated_by) == (uploader, uploader)
    assert (started.implementation_level, started.language) == ("in_progress", "en")
    result = client.get(response["Location"]).content.decode()
    assert "Reports saved" in result and "Mandate 40" in result
    detail = client.get(f"/en/reports/{written.pk}/").content.decode()
    assert uploader.full_name in detail


def test_confirming_twice_applies_once(client, focal, participant, cycle, written):
    client.force_login(focal)
    book = fill(download(client, participant, cycle), 40, actions_taken="Twice?")
    location = upload(client, participant, cycle, as_file(book))["Location"]
    client.post(f"{location}confirm/")
    again = client.post(f"{location}confirm/", follow=True)
    written.refresh_from_db()
    assert written.version == 3
    assert "already applied" in again.content.decode()


def test_outsider_gets_404_on_every_spreadsheet_page(
    client, focal, outsider, participant, cycle, written
):
    client.force_login(focal)
    book = fill(download(client, participant, cycle), 40, actions_taken="Mine.")
    location = upload(client, participant, cycle, as_file(book))["Location"]
    base = f"/en/workspace/{participant.code}/cycles/{cycle.pk}/spreadsheet"
    client.force_login(outsider)
    assert client.get(f"{base}.xlsx").status_code == 404
    assert client.get(f"{base}/upload/").status_code == 404
    assert client.get(location).status_code == 404
    assert client.post(f"{location}confirm/").status_code == 404
    written.refresh_from_db()
    assert written.actions_taken == "A bill."


def test_only_the_uploader_sees_and_confirms_an_upload(
    client, focal, participant, cycle, written
):
    client.force_login(focal)
    book = fill(download(client, participant, cycle), 40, actions_taken="Mine.")
    location = upload(client, participant, cycle, as_file(book))["Location"]
    client.force_login(MembershipFactory(participant=participant).user)
    assert client.get(location).status_code == 404
    assert client.post(f"{location}confirm/").status_code == 404


def test_observer_downloads_a_locked_workbook_but_may_not_upload(
    client, observer, participant, cycle, written
):
    client.force_login(observer)
    sheet = reports_sheet(download(client, participant, cycle))
    assert cell(sheet, 12, "actions_taken").protection.locked
    assert cell(sheet, 40, "actions_taken").protection.locked
    response = client.get(f"/en/workspace/{participant.code}/cycles/{cycle.pk}/"
                          "spreadsheet/upload/")  # fmt: skip
    assert response.status_code == 403
    assert "Only a focal point of Argentina can edit" in response.content.decode()


def test_upload_is_refused_in_a_closed_cycle(client, focal, participant, closed_cycle):
    client.force_login(focal)
    response = client.get(
        f"/en/workspace/{participant.code}/cycles/{closed_cycle.pk}/spreadsheet/upload/"
    )
    assert response.status_code == 403
    assert "is closed" in response.content.decode()


def test_workspace_links_to_download_and_upload(client, focal, participant, cycle):
    client.force_login(focal)
    page = client.get(f"/en/workspace/{participant.code}/").content.decode()
    base = f"/en/workspace/{participant.code}/cycles/{cycle.pk}/spreadsheet"
    assert f'href="{base}.xlsx"' in page
    assert f'href="{base}/upload/"' in page


def test_spanish_workbook_has_spanish_lists_and_reads_back_in_an_english_session(
    client, focal, participant, cycle, mandate, written
):
    client.force_login(focal)
    book = download(client, participant, cycle, language="es")
    sheet = reports_sheet(book)
    assert book.sheetnames[:2] == ["Instrucciones", "Informes"]
    assert book["Instrucciones"]["A1"].value == (
        "Informes de Argentina, ciclo de reporte Open cycle"
    )
    assert sheet.cell(layout.HEADER_ROW, 5).value == "Nivel de implementación"
    assert cell(sheet, 40, "implementation_level").value == "Inicial"
    assert cell(sheet, 40, "indicator:T.1").value == "No"
    lists = [c.value for c in book["Lists"]["A"]]
    assert "En curso" in lists and "In progress" not in lists
    assert [c.value for c in book["Lists"]["C"] if c.value] == ["Sí", "No"]
    fill(book, 40, implementation_level="En curso", indicator__T_1="Sí")
    fill(book, 12, implementation_level="Avanzado", actions_taken="Una ley.")
    location = upload(client, participant, cycle, as_file(book))["Location"]
    preview = client.get(location)
    assert not preview.context["refused"]
    text = preview.content.decode()
    assert "In progress" in text  # the preview speaks the session's language
    client.post(f"{location}confirm/")
    written.refresh_from_db()
    assert written.implementation_level == "in_progress"
    assert written.indicator_values["T.1"] is True
    started = ProgressReport.objects.get(mandate=Mandate.objects.get(number=12))
    assert (started.implementation_level, started.language) == ("advanced", "es")
