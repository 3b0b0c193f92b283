"""Bad input to good practices, capacities and cooperation gets a clear answer
and changes nothing."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from good_practices import services
from good_practices.models import (
    Contribution,
    CooperationInitiative,
    GoodPractice,
    PracticeAttachment,
)
from mandates.models import Mandate
from tests.factories import CapacityFactory, GoodPracticeFactory

pytestmark = pytest.mark.django_db


def content(**changes) -> dict:
    return {
        "title": "Open budget",
        "summary": "A budget citizens can read.",
        "description": "We published the budget.",
        "institution": "Ministry of Finance",
        "start_year": 2020,
        "end_year": None,
        "results": "Questions doubled.",
        "contact_name": "",
        "contact_email": "",
        "language": "en",
    } | changes


def mandates():
    return Mandate.objects.filter(number=14)


@pytest.fixture
def draft(focal, participant):
    return services.good_practice_create(
        user=focal, participant=participant, content=content(), mandates=mandates()
    )


def snapshot(record) -> tuple:
    return (
        Contribution.objects.filter(pk=record.pk).values().get(),
        list(record.mandates.values_list("pk", flat=True)),
        CooperationInitiative.objects.count(),
        PracticeAttachment.objects.count(),
    )


# --- Texts and their limits ----------------------------------------------------------


def test_text_over_its_limit_is_refused_and_nothing_is_created(focal, participant):
    with pytest.raises(ValidationError) as refused:
        services.good_practice_create(
            user=focal,
            participant=participant,
            content=content(description="d" * 20_001, results="r" * 10_001),
            mandates=mandates(),
        )
    assert refused.value.message_dict == {
        "description": ["Keep this to 20,000 characters (it has 20,001)."],
        "results": ["Keep this to 10,000 characters (it has 10,001)."],
    }
    assert not GoodPractice.objects.exists()


def test_update_over_a_limit_changes_nothing(focal, draft):
    before = snapshot(draft)
    with pytest.raises(ValidationError) as refused:
        services.good_practice_update(
            user=focal,
            practice=draft,
            version=draft.version,
            content=content(summary="s" * 801),
            mandates=mandates(),
        )
    assert "summary" in refused.value.message_dict
    assert snapshot(draft) == before


def test_capacity_how_to_request_has_its_limit(focal, participant):
    with pytest.raises(ValidationError) as refused:
        services.capacity_create(
            user=focal,
            participant=participant,
            content={
                **{k: content()[k] for k in ("title", "summary", "description")},
                "support_type": "training",
                "subregions": ["americas"],
                "languages_offered": ["en"],
                "how_to_request": "h" * 3001,
                "language": "en",
            },
            mandates=mandates(),
        )
    assert "how_to_request" in refused.value.message_dict


def test_forms_show_the_limits(client, focal, draft):
    client.force_login(focal)
    page = client.get(f"/en/good-practices/{draft.pk}/edit/").content.decode()
    assert 'maxlength="20000"' in page
    assert "Up to 20,000 characters." in page
    assert "Two or three sentences shown in search results. Up to 800" in page
    page = client.get("/en/capacities/propose/").content.decode()
    assert "Up to 3,000 characters." in page


def test_overlong_decline_reason_leaves_the_contribution_submitted(
    client, focal, draft, secretariat
):
    submitted = services.contribution_submit(
        user=focal, record=draft, version=draft.version
    )
    before = snapshot(submitted)
    client.force_login(secretariat)
    response = client.post(
        f"/en/contributions/{draft.pk}/decide/",
        {"action": "decline", "reason": "r" * 2001},
        follow=True,
    )
    assert "Keep this to 2,000 characters (it has 2,001)." in response.content.decode()
    assert snapshot(submitted) == before


def test_overlong_initiative_note_records_nothing(secretariat, make_need):
    need = make_need(GoodPracticeFactory().participant, Mandate.objects.get(number=10))
    capacity = CapacityFactory()
    with pytest.raises(ValidationError) as refused:
        services.initiative_record(
            user=secretariat, need=need, capacity=capacity, note="n" * 2001
        )
    assert "note" in refused.value.message_dict
    assert not CooperationInitiative.objects.exists()
    initiative = services.initiative_record(
        user=secretariat, need=need, capacity=capacity, note="Agreed by mail."
    )
    with pytest.raises(ValidationError):
        services.initiative_update(
            user=secretariat, initiative=initiative, status="agreed", note="n" * 2001
        )
    initiative.refresh_from_db()
    assert (initiative.status, initiative.note) == ("proposed", "Agreed by mail.")


# --- Versions and files --------------------------------------------------------------


@pytest.mark.parametrize("version", ["²", "", "-1", "99999999999999999999999", "1e5"])
def test_malformed_version_on_submit_changes_nothing(client, focal, draft, version):
    before = snapshot(draft)
    client.force_login(focal)
    response = client.post(
        f"/en/contributions/{draft.pk}/submit/", {"version": version}, follow=True
    )
    assert response.status_code == 200
    assert "This changed since you opened it" in response.content.decode()
    assert snapshot(draft) == before


def test_attachment_that_inflates_too_far_is_refused(client, focal, draft, media):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\x00" * 8 * 2**20)
    before = snapshot(draft)
    client.force_login(focal)
    response = client.post(
        f"/en/good-practices/{draft.pk}/files/",
        {"title": "Figures", "upload": SimpleUploadedFile("f.xlsx", buffer.getvalue())},
        follow=True,
    )
    assert "more than 100 MB once opened" in response.content.decode()
    assert snapshot(draft) == before


# --- Search --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url", ["/en/good-practices/", "/api/v1/good-practices/", "/api/v1/capacities/"]
)
def test_nul_and_control_characters_in_the_search_are_spaces(client, url):
    GoodPracticeFactory(title="Budget transparency")
    CapacityFactory(title="Budget transparency course")
    response = client.get(url, {"q": "budget\x00transparency\x07"})
    assert response.status_code == 200
    assert "Budget transparency" in response.content.decode()


def test_search_download_with_nul_in_the_query(client):
    GoodPracticeFactory(title="Budget transparency")
    response = client.get(
        "/en/good-practices/results.csv", {"q": "\x00budget", "mandate": "²"}
    )
    body = b"".join(response.streaming_content).decode()
    assert "Budget transparency" in body
