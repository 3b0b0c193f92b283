"""Rows of an upload that are refused, one by one, while the others are saved."""

import pytest

from mandates.models import Mandate
from progress import services
from progress.models import ProgressReport
from spreadsheets import layout

from ..factories import MembershipFactory
from .sheets import as_file, cell, download, fill, reports_sheet, upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def colleague(participant):
    """Another focal point of the participant, who edits in the portal."""
    return MembershipFactory(participant=participant).user


@pytest.fixture
def book(client, focal, participant, cycle, draft):
    client.force_login(focal)
    return download(client, participant, cycle)


def preview(client, participant, cycle, book):
    response = upload(client, participant, cycle, as_file(book))
    assert response.status_code == 302, response.content.decode()[-2000:]
    return response["Location"], client.get(response["Location"]).context


def problems(context) -> list[tuple[int, str, str]]:
    return [(p.row, p.column, p.message) for p in context["preview"].problems]


def row_of(book, number: int) -> int:
    return cell(reports_sheet(book), number, layout.MANDATE).row


def save_in_portal(user, report, **content):
    return services.report_update(
        user=user, report=report, version=report.version, content=content, indicators={}
    )


def test_a_stale_row_is_refused_and_the_others_are_saved(
    client, participant, cycle, book, draft, colleague
):
    save_in_portal(colleague, draft, actions_taken="The colleague's text.")
    fill(book, 40, actions_taken="Mine, from the workbook.")
    fill(book, 12, implementation_level="Initial")
    location, context = preview(client, participant, cycle, book)
    ((row, column, message),) = problems(context)
    assert (row, column) == (row_of(book, 40), "")
    assert message.startswith(
        "Someone saved the report on mandate 40 in the portal after this workbook "
        "was made (version 1 then, 2 now)."
    )
    client.post(f"{location}confirm/")
    draft.refresh_from_db()
    assert (draft.actions_taken, draft.version) == ("The colleague's text.", 2)
    assert ProgressReport.objects.get(mandate__number=12).implementation_level == (
        "initial"
    )
    result = client.get(location)
    text = result.content.decode()
    assert "Mine, from the workbook." in text  # what the person wrote, not lost
    assert [row["mandate"] for row in result.context["upload"].result["refused"]] == [
        40
    ]


def test_a_row_saved_in_the_portal_between_preview_and_confirm_is_refused(
    client, participant, cycle, book, draft, colleague
):
    fill(book, 40, actions_taken="Mine.")
    fill(book, 12, actions_taken="Also mine.")
    location, context = preview(client, participant, cycle, book)
    assert [row.mandate.number for row in context["changed"]] == [12, 40]
    save_in_portal(colleague, draft, results="Meanwhile.")
    client.post(f"{location}confirm/")
    result = client.get(location).context["upload"].result
    assert [row["mandate"] for row in result["saved"]] == [12]
    assert "after this workbook was made" in result["refused"][0]["reasons"][0]
    draft.refresh_from_db()
    assert (draft.actions_taken, draft.results) == ("", "Meanwhile.")


def test_an_untouched_row_of_a_report_changed_since_is_left_alone(
    client, participant, cycle, book, draft, colleague
):
    save_in_portal(colleague, draft, actions_taken="Newer.")
    fill(book, 12, actions_taken="Only this row.")
    location, context = preview(client, participant, cycle, book)
    assert not context["refused"]
    assert [row.mandate.number for row in context["changed"]] == [12]


def test_a_report_started_in_the_portal_since_is_not_overwritten(
    client, focal, participant, cycle, book, colleague
):
    fill(book, 12, actions_taken="Mine.")
    started, _created = services.report_start(
        user=colleague,
        participant=participant,
        mandate=Mandate.objects.get(number=12),
        cycle=cycle,
    )
    location, context = preview(client, participant, cycle, book)
    ((_row, _column, message),) = problems(context)
    assert message.startswith("Someone started the report on mandate 12")
    client.post(f"{location}confirm/")
    started.refresh_from_db()
    assert (started.actions_taken, started.version) == ("", 1)


def test_a_report_submitted_since_the_download_is_refused(
    client, focal, participant, cycle, book, draft, complete_answers
):
    draft = services.report_update(
        user=focal,
        report=draft,
        version=draft.version,
        content={"implementation_level": "advanced", "actions_taken": "A law."},
        indicators=complete_answers,
    )
    book = download(client, participant, cycle)
    services.report_submit(user=focal, report=draft, version=draft.version)
    fill(book, 40, results="Late addition.")
    _location, context = preview(client, participant, cycle, book)
    ((_row, _column, message),) = problems(context)
    assert message.startswith("The report on mandate 40 was submitted on ")
    assert message.endswith(
        "after this workbook was made; it can no longer be changed."
    )


def test_a_locked_row_changed_anyway_is_refused(
    client, focal, participant, cycle, submitted
):
    client.force_login(focal)
    book = download(client, participant, cycle)
    fill(book, 40, results="Typed after lifting the protection.")
    _location, context = preview(client, participant, cycle, book)
    assert problems(context)[0][2] == (
        "This report is submitted and can no longer be edited."
    )


def test_values_not_on_the_lists_and_numbers_out_of_range_are_named_by_cell(
    client, participant, cycle, book, mandate
):
    fill(
        book,
        40,
        implementation_level="Almost done",
        assistance_type="Money",
        indicator__T_1="Perhaps",
        indicator__T_2=-5,
        indicator__T_3=150,
        indicator__T_4="Lottery",
    )
    location, context = preview(client, participant, cycle, book)
    row = row_of(book, 40)
    assert problems(context) == [
        (
            row,
            "Implementation level",
            "“Almost done” is not one of the implementation levels of the list.",
        ),
        (
            row,
            "Type of technical assistance needed",
            "“Money” is not one of the types of assistance of the list.",
        ),
        (row, "T.1 Is a law in force?", "Answer yes or no."),
        (row, "T.2 Requests received", "Enter a number of zero or more."),
        (
            row,
            "T.3 Share answered on time (%)",
            "Enter a percentage from 0 to 100.",
        ),
        (row, "T.4 How are judges selected?", "Choose one of the options offered."),
    ]
    assert context["refused"][0].mandate.number == 40
    assert not context["changed"]
    client.post(f"{location}confirm/")
    (refused,) = client.get(location).context["upload"].result["refused"]
    # What could not be read is kept as it was written, with what is saved now.
    assert ["Implementation level", "", "Almost done"] in refused["changes"]
    assert ["T.2 Requests received", "", "-5"] in refused["changes"]


def test_bounds_of_the_report_form_hold_in_the_workbook(
    client, participant, cycle, book, mandate
):
    fill(
        book,
        40,
        actions_taken="x" * 10_001,
        indicator__T_2=10**12 + 1,
        indicator__T_3=12.345,
    )
    _location, context = preview(client, participant, cycle, book)
    assert [(column, message) for _row, column, message in problems(context)] == [
        ("Actions taken", "Keep this to 10,000 characters (it has 10,001)."),
        ("T.2 Requests received", "Enter a number of at most 1,000,000,000,000."),
        (
            "T.3 Share answered on time (%)",
            "Enter a percentage with at most 2 decimals.",
        ),
    ]


def test_a_row_whose_mandate_number_was_changed_is_refused(
    client, participant, cycle, book
):
    sheet = reports_sheet(book)
    cell(sheet, 12, "actions_taken").value = "Mine."
    cell(sheet, 12, layout.MANDATE).value = 99
    cell(sheet, 13, layout.MANDATE).value = 14
    _location, context = preview(client, participant, cycle, book)
    found = problems(context)
    assert found[0] == (
        row_of(book, 99),
        "No.",
        "“99” is not the number of a mandate, so this row is not one of the reports "
        "of Argentina. Keep the mandate numbers of the downloaded workbook.",
    )
    assert [message for _row, _column, message in found[1:]] == [
        "Mandate 14 is also in row 16; each mandate has one row.",
        "Mandate 14 is also in row 15; each mandate has one row.",
    ]


def test_an_answer_in_the_column_of_another_mandate_is_refused(
    client, participant, cycle, book, mandate
):
    fill(book, 12, indicator__T_2=5)
    _location, context = preview(client, participant, cycle, book)
    assert problems(context) == [
        (
            row_of(book, 12),
            "T.2 Requests received",
            "This column is for mandate 40; leave it empty in the row of mandate 12.",
        )
    ]


def test_a_type_of_assistance_needs_a_description(client, participant, cycle, book):
    fill(book, 40, assistance_type="Training")
    _location, context = preview(client, participant, cycle, book)
    assert problems(context) == [
        (
            row_of(book, 40),
            "Technical assistance needed",
            "Describe the assistance needed.",
        )
    ]


def test_unchanged_rows_are_counted_and_nothing_is_saved(
    client, participant, cycle, book, draft
):
    location, context = preview(client, participant, cycle, book)
    assert (len(context["changed"]), len(context["unchanged"])) == (0, 57)
    assert "Nothing to save" in client.get(location).content.decode()
    client.post(f"{location}confirm/")
    draft.refresh_from_db()
    assert draft.version == 1
