"""The workbook keeps each indicator's own bounds, as the form does."""

import pytest

from spreadsheets import layout

from .sheets import as_file, cell, download, fill, reports_sheet, upload

pytestmark = pytest.mark.django_db


def test_a_bounded_indicator_has_its_bounds_in_the_workbook_and_the_upload(
    client, focal, participant, cycle
):
    client.force_login(focal)
    book = download(client, participant, cycle)
    sheet = reports_sheet(book)
    answer = cell(sheet, 14, layout.indicator_key("14.2"))  # "... (0 to 8)"
    (validation,) = [
        dv
        for dv in sheet.data_validations.dataValidation
        if answer.coordinate in dv.sqref
    ]
    assert (validation.formula1, validation.formula2) == ("0", "8")
    assert validation.error.startswith("From 0 to 8,")

    fill(book, 14, indicator__14_2=251)
    response = upload(client, participant, cycle, as_file(book))
    problems = client.get(response["Location"]).context["preview"].problems
    assert [p.message for p in problems] == ["Enter a number from 0 to 8."]
