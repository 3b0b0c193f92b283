"""Bad input to reports gets a clear answer and changes nothing: numbers out of
bounds, malformed versions, texts over their limits, damaged office files."""

import io
import re
import time
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from django.utils.formats import number_format
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from mandates.models import Indicator
from progress import services
from progress.indicators import clean_value
from progress.models import ProgressReport, ReportTransition

pytestmark = pytest.mark.django_db
Status = ProgressReport.Status


@pytest.fixture
def draft(focal, participant, mandate, cycle):
    return services.report_start(
        user=focal, participant=participant, mandate=mandate, cycle=cycle
    )[0]


@pytest.fixture
def submitted(focal, draft, complete_answers):
    report = services.report_update(
        user=focal,
        report=draft,
        version=draft.version,
        content={"implementation_level": "advanced", "actions_taken": "A law."},
        indicators=complete_answers,
    )
    return services.report_submit(user=focal, report=report, version=report.version)


def snapshot(report) -> tuple:
    """Everything a refusal must leave as it was."""
    return (
        ProgressReport.objects.filter(pk=report.pk).values().get(),
        report.history.count(),
        ReportTransition.objects.filter(report=report).count(),
    )


def save(focal, report, answers=None, **content):
    return services.report_update(
        user=focal,
        report=report,
        version=report.version,
        content=content,
        indicators=answers or {},
    )


def token_client(user) -> APIClient:
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user)}")
    return api


# --- Numbers -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "code, raw, message",
    [
        ("T.2", "1e5000", "Enter a number, for example 12 or 12.5."),
        ("T.2", "1E5", "Enter a number, for example 12 or 12.5."),
        ("T.2", "Infinity", "Enter a number, for example 12 or 12.5."),
        ("T.2", "NaN", "Enter a number, for example 12 or 12.5."),
        ("T.2", "1" * 41, "Enter a number, for example 12 or 12.5."),
        ("T.2", "²", "Enter a number, for example 12 or 12.5."),
        ("T.2", True, "Enter a number, for example 12 or 12.5."),
        ("T.2", ["1"], "Enter a number, for example 12 or 12.5."),
        ("T.2", float("inf"), "Enter a number, for example 12 or 12.5."),
        ("T.2", "1000000000000.01", "at most 1,000,000,000,000."),
        ("T.2", 1e308, "at most 1,000,000,000,000."),
        ("T.2", 10**4000, "at most 1,000,000,000,000."),
        ("T.2", -(10**4000), "zero or more"),
        ("T.2", "12.345", "at most 2 decimals."),
        ("T.2", 1e-300, "at most 2 decimals."),
        ("T.3", "100.5", "Enter a percentage from 0 to 100."),
        ("T.3", "1e2", "Enter a number, for example 12 or 12.5."),
        ("T.3", "33.333", "Enter a percentage with at most 2 decimals."),
        ("T.5", ["a list"], "Answer with a short text."),
        ("T.5", "Law\x00 27", "Null characters are not allowed."),
        ("T.5", "Law \ud800", "This answer holds a character that is not text."),
    ],
)
def test_bad_answer_is_refused_with_its_reason_and_changes_nothing(
    focal, draft, code, raw, message
):
    before = snapshot(draft)
    with pytest.raises(ValidationError) as refused:
        save(focal, draft, {code: raw})
    assert message in " ".join(refused.value.message_dict[code])
    assert snapshot(draft) == before


@pytest.mark.parametrize(
    "raw, stored",
    [("1000000000000", 10**12), ("12,5", 12.5), ("0.25", 0.25), (7, 7), (12.5, 12.5)],
)
def test_numbers_within_the_bounds_are_stored(focal, draft, raw, stored):
    saved = save(focal, draft, {"T.2": raw})
    assert saved.indicator_values == {"T.2": stored}


def test_a_huge_exponent_is_refused_at_once(mandate):
    """A guard, not a benchmark: Decimal("1e400000") turned into an int took
    seconds of CPU, growing with the square of the exponent."""
    indicator = Indicator.objects.get(code="T.2")
    started = time.perf_counter()
    with pytest.raises(ValidationError):
        clean_value(indicator, "1e400000")
    assert time.perf_counter() - started < 0.5


@pytest.mark.usefixtures("mandate")
def test_huge_exponent_through_the_form_and_the_api_answers_400_fast(
    client, focal, draft
):
    client.force_login(focal)
    before = snapshot(draft)
    started = time.perf_counter()
    page = client.post(
        f"/en/reports/{draft.pk}/edit/",
        {"version": draft.version, "language": "en", "indicator_T_2": "1e400000"},
    )
    assert page.status_code == 200
    assert "Enter a number, for example 12 or 12.5." in page.content.decode()
    answer = token_client(focal).patch(
        f"/api/v1/workspace/reports/{draft.pk}/",
        {"version": draft.version, "indicator_values": {"T.2": "1e400000"}},
        format="json",
    )
    assert answer.status_code == 400
    assert answer.json() == {"T.2": ["Enter a number, for example 12 or 12.5."]}
    assert time.perf_counter() - started < 2
    assert snapshot(draft) == before


def test_number_field_says_its_bounds_and_limits_what_is_typed(client, focal, draft):
    client.force_login(focal)
    page = client.get(f"/en/reports/{draft.pk}/edit/").content.decode()
    assert "From 0 to 1,000,000,000,000, with at most 2 decimals." in page
    [field] = re.findall(r'<input [^>]*name="indicator_T_2"[^>]*>', page)
    assert 'maxlength="40"' in field
    assert 'aria-describedby="id_indicator_T_2_helptext"' in field
    assert '<p class="help" id="id_indicator_T_2_helptext">' in page


def test_number_bounds_are_said_in_the_persons_language(client, focal, draft):
    client.force_login(focal)
    page = client.get(f"/es/reports/{draft.pk}/edit/").content.decode()
    with translation.override("es"):
        bound = number_format(10**12, force_grouping=True)
    assert f"De 0 a {bound}, con 2 decimales como máximo." in page


# --- Versions posted by the forms ----------------------------------------------------


@pytest.mark.parametrize("version", ["²", "", "-1", "99999999999999999999999", "1e5"])
def test_malformed_version_on_submit_is_refused_and_changes_nothing(
    client, focal, draft, version
):
    client.force_login(focal)
    before = snapshot(draft)
    response = client.post(
        f"/en/reports/{draft.pk}/submit/", {"version": version}, follow=True
    )
    assert response.status_code == 200
    assert "This report changed since you opened it" in response.content.decode()
    assert snapshot(draft) == before


# --- Texts and their limits ----------------------------------------------------------


def test_text_over_its_limit_is_refused_by_the_service(focal, draft):
    before = snapshot(draft)
    with pytest.raises(ValidationError) as refused:
        save(
            focal, draft, actions_taken="a" * 10_001, assistance_description="b" * 3001
        )
    errors = refused.value.message_dict
    assert errors["actions_taken"] == [
        "Keep this to 10,000 characters (it has 10,001)."
    ]
    assert errors["assistance_description"] == [
        "Keep this to 3,000 characters (it has 3,001)."
    ]
    assert snapshot(draft) == before
    assert save(focal, draft, actions_taken="a" * 10_000).version == 2


def test_four_megabytes_through_the_api_are_refused(focal, draft):
    before = snapshot(draft)
    answer = token_client(focal).patch(
        f"/api/v1/workspace/reports/{draft.pk}/",
        {"version": draft.version, "results": "x" * 4 * 2**20},
        format="json",
    )
    assert answer.status_code == 400
    assert "10000 characters" in answer.json()["results"][0]
    assert snapshot(draft) == before


def test_form_shows_each_limit_and_refuses_a_longer_text(client, focal, draft):
    client.force_login(focal)
    page = client.get(f"/en/reports/{draft.pk}/edit/").content.decode()
    assert 'maxlength="10000"' in page
    assert "Up to 10,000 characters." in page
    assert "Up to 3,000 characters." in page
    before = snapshot(draft)
    response = client.post(
        f"/en/reports/{draft.pk}/edit/",
        {"version": draft.version, "language": "en", "challenges": "c" * 10_001},
    )
    assert response.status_code == 200
    assert "at most 10000 characters" in response.content.decode()
    assert snapshot(draft) == before


def test_line_breaks_count_once_as_the_browser_counts_them(client, focal, draft):
    """A browser lets 10,000 characters through maxlength and sends each line
    break as two (CR LF); the text is stored with one."""
    client.force_login(focal)
    text = "a" * 4999 + "\r\n" + "b" * 5000
    client.post(
        f"/en/reports/{draft.pk}/edit/",
        {"version": draft.version, "language": "en", "next_steps": text},
    )
    draft.refresh_from_db()
    assert draft.next_steps == text.replace("\r\n", "\n")


def test_review_comment_over_its_limit_changes_nothing(client, secretariat, submitted):
    before = snapshot(submitted)
    with pytest.raises(ValidationError) as refused:
        services.report_return(user=secretariat, report=submitted, comment="x" * 5001)
    assert "Keep this to 5,000 characters" in refused.value.message_dict["comment"][0]
    client.force_login(secretariat)
    page = client.get(f"/en/review/{submitted.pk}/").content.decode()
    assert "Up to 5,000 characters." in page
    response = client.post(
        f"/en/review/{submitted.pk}/",
        {"action": "return", "return-comment": "x" * 5001},
    )
    assert response.status_code == 400
    assert snapshot(submitted) == before


# --- Office files --------------------------------------------------------------------


def test_office_file_holding_a_program_is_refused_and_nothing_is_added(
    client, focal, draft, media
):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
        archive.writestr("setup.exe", b"MZ" + b"\x00" * 64)
    client.force_login(focal)
    response = client.post(
        f"/en/reports/{draft.pk}/evidence/",
        {
            "title": "Our law",
            "upload": SimpleUploadedFile("setup.docx", buffer.getvalue()),
            "is_public": "on",
        },
        follow=True,
    )
    assert "setup.exe" in response.content.decode()
    assert not draft.evidence.exists()
