"""One report's pages: reading it, its form, submitting it, its evidence."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from progress import services
from progress.models import Evidence, ProgressReport

Status = ProgressReport.Status
pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def form_data(report, answers=None, **content):
    data = {
        "version": report.version,
        "implementation_level": "advanced",
        "actions_taken": "Adopted a law.",
        "results": "",
        "challenges": "",
        "next_steps": "",
        "assistance_type": "",
        "assistance_description": "",
        "language": "en",
    }
    for code, value in (answers or {}).items():
        data["indicator_" + code.replace(".", "_")] = value
    data.update(content)
    return data


# --- The report form ------------------------------------------------------------------


def test_save_draft_confirms_and_keeps_version(client, focal, draft):
    client.force_login(focal)
    response = client.post(
        f"/en/reports/{draft.pk}/edit/", form_data(draft, {"T.2": "12"}), follow=True
    )
    assert "Draft saved (version 2)." in response.content.decode()
    draft.refresh_from_db()
    assert draft.indicator_values == {"T.2": 12}


def test_form_says_what_is_missing(client, focal, draft):
    client.force_login(focal)
    page = client.get(f"/en/reports/{draft.pk}/edit/").content.decode()
    assert "Before you can submit" in page
    assert "the implementation level" in page


def test_bad_answer_shows_error_and_saves_nothing(client, focal, draft):
    client.force_login(focal)
    response = client.post(
        f"/en/reports/{draft.pk}/edit/", form_data(draft, {"T.3": "140"})
    )
    assert response.status_code == 200
    assert "Enter a percentage from 0 to 100." in response.content.decode()
    draft.refresh_from_db()
    assert draft.version == 1


def test_stale_form_is_refused_and_shows_newer_content(client, focal, draft):
    services.report_update(
        user=focal,
        report=draft,
        version=1,
        content={"actions_taken": "Colleague's newer text"},
        indicators={},
    )
    client.force_login(focal)
    response = client.post(
        f"/en/reports/{draft.pk}/edit/", form_data(draft, actions_taken="My older text")
    )
    assert response.status_code == 409
    page = response.content.decode()
    assert "Someone else saved this while you were editing it" in page
    assert "Colleague&#x27;s newer text" in page
    # What this person typed is shown too, so nothing of theirs is lost.
    unsaved = {change.label: change.after for change in response.context["unsaved"]}
    assert unsaved["Actions taken"] == "My older text"
    assert "Your changes that were not saved" in page
    draft.refresh_from_db()
    assert draft.actions_taken == "Colleague's newer text"


def test_save_and_submit(client, focal, draft, complete_answers):
    client.force_login(focal)
    response = client.post(
        f"/en/reports/{draft.pk}/edit/",
        {**form_data(draft, complete_answers), "submit": "1"},
        follow=True,
    )
    assert "Report submitted to the secretariat" in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == Status.SUBMITTED


def test_submit_incomplete_lists_missing(client, focal, draft):
    client.force_login(focal)
    response = client.post(
        f"/en/reports/{draft.pk}/edit/",
        {**form_data(draft), "submit": "1"},
        follow=True,
    )
    page = response.content.decode()
    assert "Not submitted: complete what is listed under" in page
    assert "Before you can submit" in page
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT


def test_outsider_gets_404_on_draft_report(client, outsider, draft):
    client.force_login(outsider)
    for url in (f"/en/reports/{draft.pk}/", f"/en/reports/{draft.pk}/edit/"):
        assert client.get(url).status_code == 404
    assert (
        client.post(f"/en/reports/{draft.pk}/edit/", form_data(draft)).status_code
        == 404
    )
    assert (
        client.post(f"/en/reports/{draft.pk}/submit/", {"version": 1}).status_code
        == 404
    )


def test_anonymous_gets_404_on_draft_report(client, draft):
    assert client.get(f"/en/reports/{draft.pk}/").status_code == 404


def test_observer_reads_but_cannot_write(client, observer, draft):
    client.force_login(observer)
    assert client.get(f"/en/reports/{draft.pk}/").status_code == 200
    response = client.post(
        f"/en/reports/{draft.pk}/edit/", form_data(draft), follow=True
    )
    assert "Only a focal point" in response.content.decode()
    assert (
        client.post(f"/en/reports/{draft.pk}/submit/", {"version": 1}).status_code
        == 403
    )
    draft.refresh_from_db()
    assert draft.version == 1


def test_closed_cycle_report_cannot_be_edited(
    client, focal, participant, mandate, closed_cycle
):
    report = ProgressReport.objects.create(
        participant=participant, mandate=mandate, cycle=closed_cycle
    )
    client.force_login(focal)
    response = client.post(
        f"/en/reports/{report.pk}/edit/", form_data(report), follow=True
    )
    assert "is closed" in response.content.decode()
    report.refresh_from_db()
    assert report.version == 1


# --- Evidence -------------------------------------------------------------------------


def upload(client, report, name, content, **extra):
    data = {"title": "Law text", "upload": SimpleUploadedFile(name, content), **extra}
    return client.post(f"/en/reports/{report.pk}/evidence/", data, follow=True)


def test_pdf_evidence_is_stored(client, focal, draft, media):
    client.force_login(focal)
    page = upload(client, draft, "law.pdf", PDF).content.decode()
    assert "Evidence “Law text” added." in page
    evidence = draft.evidence.get()
    assert evidence.content_type == "application/pdf"
    assert evidence.size == len(PDF)


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("tool.exe", b"MZ\x90\x00", "Files of type .exe are not accepted"),
        ("fake.pdf", b"<html>not a pdf</html>", "does not match its .pdf extension"),
        ("empty.pdf", b"", "The submitted file is empty."),
    ],
)
def test_bad_upload_is_refused_with_a_message(
    client, focal, draft, media, name, content, message
):
    client.force_login(focal)
    page = upload(client, draft, name, content).content.decode()
    assert message in page
    assert not draft.evidence.exists()


def test_oversized_upload_is_refused(
    client, focal, draft, media, settings, monkeypatch
):
    from common import uploads

    monkeypatch.setattr(uploads, "MAX_BYTES", 1024)
    client.force_login(focal)
    page = upload(client, draft, "big.pdf", PDF + b"0" * 2048).content.decode()
    assert "the limit is 0 MB" in page or "the limit is" in page
    assert not draft.evidence.exists()


def test_file_and_link_together_are_refused(client, focal, draft, media):
    client.force_login(focal)
    page = upload(
        client, draft, "law.pdf", PDF, url="https://example.org/law"
    ).content.decode()
    assert "Attach a file or give a link, not both." in page
    assert not draft.evidence.exists()


def test_private_evidence_stays_private_after_publication(
    client, focal, draft, media, publish
):
    client.force_login(focal)
    upload(client, draft, "public.pdf", PDF, is_public="on")
    upload(client, draft, "private.pdf", PDF)  # checkbox left unticked
    public, private = draft.evidence.order_by("pk")
    publish(draft)
    client.logout()
    page = client.get(f"/en/reports/{draft.pk}/").content.decode()
    assert f"/evidence/{public.pk}/" in page
    assert f"/evidence/{private.pk}/" not in page
    assert (
        client.get(f"/en/reports/{draft.pk}/evidence/{private.pk}/").status_code == 404
    )
    response = client.get(f"/en/reports/{draft.pk}/evidence/{public.pk}/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF


def test_outsider_cannot_add_or_download_evidence(
    client, focal, outsider, draft, media
):
    client.force_login(focal)
    upload(client, draft, "law.pdf", PDF)
    item = draft.evidence.get()
    client.force_login(outsider)
    assert client.get(f"/en/reports/{draft.pk}/evidence/{item.pk}/").status_code == 404
    response = client.post(
        f"/en/reports/{draft.pk}/evidence/", {"title": "x", "url": "https://e.org"}
    )
    assert response.status_code == 404
    assert Evidence.objects.count() == 1
