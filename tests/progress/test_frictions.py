"""What a focal point and a reviewer met on the way (issue 10, §4), each fixed.

Optional indicators, bounded numbers, evidence added without losing what was
typed, refused uploads shown beside their field, no version for an unchanged
save, the missing items said once, the review's diff heading.
"""

import re
from html import unescape
from html.parser import HTMLParser

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from mandates.models import Indicator, Mandate
from progress import selectors, services
from progress.indicators import applicable_indicators, clean_value
from progress.models import ProgressReport

Status = ProgressReport.Status
pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def form_data(report, answers=None, **content):
    data = {
        "version": report.version,
        "implementation_level": report.implementation_level,
        "actions_taken": report.actions_taken,
        "results": report.results,
        "challenges": report.challenges,
        "next_steps": report.next_steps,
        "assistance_type": report.assistance_type,
        "assistance_description": report.assistance_description,
        "language": report.language,
    }
    for code, value in (answers or {}).items():
        data["indicator_" + code.replace(".", "_")] = value
    data.update(content)
    return data


def edit(client, report, data, **extra):
    return client.post(f"/en/reports/{report.pk}/edit/", data, **extra)


# --- Optional indicators (1.2, 11.2 and 21.3 say "leave blank if ...") ----------

SAMPLE = {"boolean": "yes", "number": "3", "percentage": "50", "text": "Law 1/2024"}


def answers_except_optional(report) -> dict:
    """A valid answer to every indicator of the report that is not optional."""
    answers = {}
    for indicator in applicable_indicators(
        mandate=report.mandate, participant=report.participant
    ):
        if indicator.is_optional:
            continue
        first_choice = next(iter(indicator.choices.all()), None)
        answers[indicator.code] = SAMPLE.get(indicator.kind) or first_choice.value
    return answers


@pytest.fixture
def mandate_21_draft(focal, participant, cycle):
    return services.report_start(
        user=focal,
        participant=participant,
        mandate=Mandate.objects.get(number=21),
        cycle=cycle,
    )[0]


def test_shipped_data_marks_the_leave_blank_indicators_optional():
    optional = set(
        Indicator.objects.filter(is_optional=True).values_list("code", flat=True)
    )
    assert optional == {"1.2", "11.2", "21.3"}
    for indicator in Indicator.objects.filter(is_optional=False):
        assert "Leave blank" not in indicator.help_text_en, indicator.code


def test_optional_indicator_left_blank_does_not_stop_submission(
    focal, mandate_21_draft
):
    report = services.report_update(
        user=focal,
        report=mandate_21_draft,
        version=1,
        content={"implementation_level": "advanced", "actions_taken": "A new law."},
        indicators=answers_except_optional(mandate_21_draft),
    )
    assert "21.3" not in report.indicator_values
    assert selectors.report_missing(report) == []
    report = services.report_submit(user=focal, report=report, version=report.version)
    assert report.status == Status.SUBMITTED


def test_completeness_does_not_count_optional_indicators(focal, mandate_21_draft):
    report = services.report_update(
        user=focal,
        report=mandate_21_draft,
        version=1,
        content={"implementation_level": "advanced", "actions_taken": "A new law."},
        indicators=answers_except_optional(mandate_21_draft),
    )
    indicators = list(
        applicable_indicators(mandate=report.mandate, participant=report.participant)
    )
    assert selectors.report_completeness(report, indicators) == 100


@pytest.mark.parametrize(
    "language, optional",
    [("en", "(optional)"), ("es", "(opcional)"), ("pt", "(opcional)")],
)
def test_form_labels_say_which_indicator_is_optional(
    client, focal, mandate_21_draft, language, optional
):
    client.force_login(focal)
    page = client.get(f"/{language}/reports/{mandate_21_draft.pk}/edit/").text
    labels = [
        unescape(label)
        for label in re.findall(r'<label for="id_indicator_[^"]+">([^<]*)<', page)
    ]
    label = getattr(Indicator.objects.get(code="21.3"), f"label_{language}")
    assert [text for text in labels if optional in text] == [f"{label} {optional}"]


# --- Bounds of numbers ("(0 to 8)") -------------------------------------------------


def test_number_outside_the_indicators_own_bounds_is_refused():
    documents = Indicator.objects.get(code="14.2")  # "... (0 to 8)"
    assert (documents.min_value, documents.max_value) == (0, 8)
    assert clean_value(documents, "8") == 8
    with pytest.raises(ValidationError) as refused:
        clean_value(documents, "251")
    assert refused.value.messages == ["Enter a number from 0 to 8."]


def test_form_says_the_bounds_and_refuses_a_number_past_them(
    client, focal, participant, cycle
):
    report = services.report_start(
        user=focal,
        participant=participant,
        mandate=Mandate.objects.get(number=14),
        cycle=cycle,
    )[0]
    client.force_login(focal)
    page = client.get(f"/en/reports/{report.pk}/edit/").text
    assert "From 0 to 8, with at most 2 decimals." in page
    response = edit(client, report, form_data(report, {"14.2": "251"}))
    assert "Enter a number from 0 to 8." in response.text
    report.refresh_from_db()
    assert report.version == 1


# --- Evidence added or removed keeps what was typed in the report ------------------


class _FormOwners(HTMLParser):
    """Which form each named control and button belongs to."""

    def __init__(self):
        super().__init__()
        self.forms, self.owner, self.inside = {}, {}, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = attrs.get("id")
        if tag in ("input", "button", "textarea", "select") and attrs.get("name"):
            key = (attrs["name"], attrs.get("value") if tag == "button" else None)
            self.owner[key] = attrs.get("form") or self.inside

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = None


def test_evidence_fields_and_buttons_belong_to_the_report_form(
    client, focal, draft, media
):
    services.report_update(
        user=focal, report=draft, version=1, content={}, indicators={"T.2": "1"}
    )
    client.force_login(focal)
    client.post(
        f"/en/reports/{draft.pk}/evidence/",
        {"title": "Law", "url": "https://example.org/law"},
    )
    item = draft.evidence.get()
    owners = _FormOwners()
    owners.feed(client.get(f"/en/reports/{draft.pk}/edit/").text)
    for name in ("actions_taken", "title", "upload", "url", "is_public"):
        assert owners.owner[(name, None)] == "report-form", name
    assert owners.owner[("add_evidence", None)] == "report-form"
    assert owners.owner[("remove_evidence", str(item.pk))] == "report-form"


def test_adding_evidence_saves_what_was_typed_first(client, focal, draft, media):
    client.force_login(focal)
    response = edit(
        client,
        draft,
        {
            **form_data(draft, actions_taken="Typed, never saved before."),
            "title": "Decree 12",
            "upload": SimpleUploadedFile("decree.pdf", PDF),
            "add_evidence": "",
        },
        follow=True,
    )
    assert response.redirect_chain[-1][0] == f"/en/reports/{draft.pk}/edit/#evidence"
    page = response.text
    assert "Draft saved (version 2)." in page
    assert "Evidence “Decree 12” added." in page
    assert "Typed, never saved before." in page
    draft.refresh_from_db()
    assert draft.actions_taken == "Typed, never saved before."
    assert draft.evidence.get().title == "Decree 12"


def test_removing_evidence_saves_what_was_typed_first(client, focal, draft, media):
    client.force_login(focal)
    client.post(
        f"/en/reports/{draft.pk}/evidence/",
        {"title": "Old link", "url": "https://example.org/old"},
    )
    item = draft.evidence.get()
    edit(
        client,
        draft,
        {**form_data(draft, results="Typed results."), "remove_evidence": item.pk},
    )
    draft.refresh_from_db()
    assert draft.results == "Typed results."
    assert not draft.evidence.exists()


def test_evidence_with_a_refused_report_adds_nothing_and_keeps_the_title(
    client, focal, draft, media
):
    client.force_login(focal)
    response = edit(
        client,
        draft,
        {
            **form_data(draft, {"T.3": "140"}),
            "title": "Decree 12",
            "upload": SimpleUploadedFile("decree.pdf", PDF),
            "add_evidence": "",
        },
    )
    page = response.text
    assert "Enter a percentage from 0 to 100." in page
    assert "choose the file again" in page
    assert 'value="Decree 12"' in page
    assert not draft.evidence.exists()
    draft.refresh_from_db()
    assert draft.version == 1


# --- A refused upload: the error beside the field, the title kept --------------------


def field_errors(page: str, field: str) -> str:
    found = re.search(
        rf'<div class="errors" id="id_evidence_{field}_errors">(.*?)</div>', page, re.S
    )
    return found.group(1) if found else ""


@pytest.mark.parametrize("through", ["report form", "evidence alone"])
def test_refused_upload_is_shown_beside_its_field_with_the_title_kept(
    client, focal, draft, media, through
):
    client.force_login(focal)
    evidence = {
        "title": "Law text",
        "upload": SimpleUploadedFile("fake.pdf", b"<html>not a pdf</html>"),
    }
    if through == "report form":
        response = edit(
            client,
            draft,
            {**form_data(draft, actions_taken="Kept."), **evidence, "add_evidence": ""},
        )
    else:
        response = client.post(f"/en/reports/{draft.pk}/evidence/", evidence)
    assert response.status_code == 400
    page = response.text
    assert "does not match its .pdf extension" in field_errors(page, "upload")
    assert 'name="title" value="Law text"' in page
    assert 'id="evidence-error-summary"' in page
    assert not draft.evidence.exists()


# --- No new version when nothing changed ------------------------------------------


def test_refused_submission_of_an_unchanged_report_makes_no_version(
    client, focal, draft
):
    client.force_login(focal)
    records = draft.history.count()
    edit(client, draft, {**form_data(draft), "submit": ""})
    draft.refresh_from_db()
    assert (draft.status, draft.version) == (Status.DRAFT, 1)
    assert draft.history.count() == records


def test_saving_an_unchanged_report_says_so(client, focal, draft):
    client.force_login(focal)
    page = edit(client, draft, form_data(draft), follow=True).text
    assert "Nothing changed: the report is still version 1." in page
    draft.refresh_from_db()
    assert draft.version == 1


# --- The missing items, once ------------------------------------------------------


def test_refused_submission_lists_each_missing_item_once(client, focal, draft):
    client.force_login(focal)
    response = edit(client, draft, {**form_data(draft), "submit": ""}, follow=True)
    assert response.redirect_chain[-1][0] == f"/en/reports/{draft.pk}/edit/#missing"
    page = response.text
    assert "Not submitted: complete what is listed under" in page
    for item in selectors.report_missing(draft):
        assert page.count(str(item)) == 1, item


# --- The review's diff heading says which version it compares with ------------------


def test_diff_heading_says_the_version_is_the_one_returned(
    client, focal, secretariat, submitted, complete_answers
):
    returned = services.report_return(
        user=secretariat, report=submitted, comment="Give this year's figure."
    )
    report = services.report_update(
        user=focal,
        report=returned,
        version=returned.version,
        content={"actions_taken": "Adopted a law and its regulation."},
        indicators=complete_answers,
    )
    services.report_submit(user=focal, report=report, version=report.version)
    client.force_login(secretariat)
    page = client.get(f"/en/review/{report.pk}/").text
    assert f"Since version {returned.version}, the one the secretariat returned on" in (
        page
    )


def test_diff_heading_without_a_return_says_previous_version(
    client, secretariat, submitted
):
    client.force_login(secretariat)
    page = client.get(f"/en/review/{submitted.pk}/").text
    assert f"Since version {submitted.version - 1}, the previous version" in page
    assert "secretariat returned" not in page
