import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from mandates.models import Mandate
from progress import services
from progress.models import Evidence, ProgressReport

Status = ProgressReport.Status
pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def draft(focal, participant, mandate, cycle):
    return services.report_start(
        user=focal, participant=participant, mandate=mandate, cycle=cycle
    )[0]


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


def publish(report, focal, secretariat, answers):
    report = services.report_update(
        user=focal,
        report=report,
        version=report.version,
        content={"implementation_level": "completed", "actions_taken": "Done."},
        indicators=answers,
    )
    report = services.report_submit(user=focal, report=report, version=report.version)
    return services.report_validate(user=secretariat, report=report, publish=True)


# --- Workspace ------------------------------------------------------------------------


def test_workspace_lists_57_mandates_with_days_left(
    client, focal, participant, cycle, draft
):
    client.force_login(focal)
    response = client.get(f"/en/workspace/{participant.code}/")
    assert response.status_code == 200
    assert len(response.context["rows"]) == 57
    row = next(r for r in response.context["rows"] if r.report)
    assert row.report == draft
    assert row.completeness < 100
    assert "10 days left" in response.content.decode()


def test_outsider_gets_404_on_other_participants_workspace(
    client, outsider, participant
):
    client.force_login(outsider)
    assert client.get(f"/en/workspace/{participant.code}/").status_code == 404


def test_anonymous_is_sent_to_sign_in(client, participant):
    response = client.get(f"/en/workspace/{participant.code}/")
    assert response.status_code == 302
    assert "/en/account/sign-in/" in response["Location"]


def test_workspace_query_count_does_not_grow(
    client,
    focal,
    participant,
    cycle,
    closed_cycle,
    django_assert_num_queries,
    django_assert_max_num_queries,
):
    def add_reports(numbers, on_cycle):
        for number in numbers:
            ProgressReport.objects.create(
                participant=participant,
                mandate=Mandate.objects.get(number=number),
                cycle=on_cycle,
                status=Status.RETURNED,
            )

    client.force_login(focal)
    add_reports([1], cycle)
    client.get(f"/en/workspace/{participant.code}/")  # warm the session
    with django_assert_max_num_queries(50) as one:
        client.get(f"/en/workspace/{participant.code}/")
    add_reports(range(2, 40), cycle)
    add_reports(range(1, 40), closed_cycle)
    with django_assert_num_queries(len(one.captured_queries)):
        response = client.get(f"/en/workspace/{participant.code}/")
    assert sum(1 for row in response.context["rows"] if row.report) == 39


def test_start_button_creates_a_draft(client, focal, participant, cycle, mandate):
    client.force_login(focal)
    response = client.post(
        f"/en/workspace/{participant.code}/cycles/{cycle.pk}/mandates/{mandate.number}/start/"
    )
    report = ProgressReport.objects.get(
        participant=participant, mandate=mandate, cycle=cycle
    )
    assert response["Location"] == f"/en/reports/{report.pk}/edit/"


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
    assert "Before you submit, complete:" in response.content.decode()
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
    client, focal, secretariat, draft, media, complete_answers
):
    client.force_login(focal)
    upload(client, draft, "public.pdf", PDF, is_public="on")
    upload(client, draft, "private.pdf", PDF)  # checkbox left unticked
    public, private = draft.evidence.order_by("pk")
    publish(draft, focal, secretariat, complete_answers)
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


# --- Review ---------------------------------------------------------------------------


@pytest.fixture
def submitted(focal, draft, complete_answers):
    report = services.report_update(
        user=focal,
        report=draft,
        version=1,
        content={"implementation_level": "advanced", "actions_taken": "Adopted a law."},
        indicators=complete_answers,
    )
    return services.report_submit(user=focal, report=report, version=report.version)


def test_review_queue_is_for_the_secretariat_only(
    client, focal, secretariat, submitted
):
    client.force_login(focal)
    assert client.get("/en/review/").status_code == 404
    assert client.get(f"/en/review/{submitted.pk}/").status_code == 404
    client.force_login(secretariat)
    response = client.get("/en/review/")
    assert list(response.context["page"]) == [submitted]


def test_review_queue_filters(client, secretariat, submitted, other_participant):
    client.force_login(secretariat)
    assert list(
        client.get(
            "/en/review/", {"participant": "ARG", "status": "submitted"}
        ).context["page"]
    ) == [submitted]
    assert (
        list(
            client.get("/en/review/", {"participant": other_participant.code}).context[
                "page"
            ]
        )
        == []
    )
    assert list(client.get("/en/review/", {"section": "A"}).context["page"]) == []


def test_review_queue_query_count_does_not_grow(
    client, secretariat, submitted, focal, cycle, django_assert_max_num_queries
):
    from accounts.models import Participant

    for participant in Participant.objects.exclude(code="ARG")[:20]:
        ProgressReport.objects.create(
            participant=participant,
            mandate=submitted.mandate,
            cycle=cycle,
            status=Status.SUBMITTED,
            submitted_by=focal,
        )
    client.force_login(secretariat)
    with django_assert_max_num_queries(12):
        response = client.get("/en/review/")
    assert response.context["page"].paginator.count == 21


def test_return_with_comment_then_focal_point_sees_it(
    client, focal, secretariat, submitted
):
    client.force_login(secretariat)
    response = client.post(
        f"/en/review/{submitted.pk}/",
        {"action": "return", "return-comment": ""},
        follow=True,
    )
    assert "needs a comment" in response.content.decode()
    client.post(
        f"/en/review/{submitted.pk}/",
        {"action": "return", "return-comment": "Attach the law."},
    )
    submitted.refresh_from_db()
    assert submitted.status == Status.RETURNED
    client.force_login(focal)
    workspace = client.get(
        f"/en/workspace/{submitted.participant.code}/"
    ).content.decode()
    assert "Attach the law." in workspace
    form = client.get(f"/en/reports/{submitted.pk}/edit/").content.decode()
    assert "The secretariat returned this report" in form


def test_review_page_shows_changes_since_return(
    client, focal, secretariat, submitted, complete_answers
):
    services.report_return(user=secretariat, report=submitted, comment="More detail.")
    submitted.refresh_from_db()
    report = services.report_update(
        user=focal,
        report=submitted,
        version=submitted.version,
        content={
            "implementation_level": "completed",
            "actions_taken": "Adopted a law.",
        },
        indicators={**complete_answers, "T.2": "150"},
    )
    services.report_submit(user=focal, report=report, version=report.version)
    client.force_login(secretariat)
    response = client.get(f"/en/review/{submitted.pk}/")
    labels = [change.label for change in response.context["changes"]]
    assert labels == ["Implementation level", "Indicator T.2: Requests received"]
    page = response.content.decode()
    assert "<del>120</del>" in page and "<ins>150</ins>" in page


def test_validate_and_publish_from_review_page(client, secretariat, submitted):
    client.force_login(secretariat)
    response = client.post(
        f"/en/review/{submitted.pk}/",
        {"action": "validate", "validate-publish": "on"},
        follow=True,
    )
    assert "Report validated and published." in response.content.decode()
    submitted.refresh_from_db()
    assert submitted.status == Status.PUBLISHED


# --- Public pages ---------------------------------------------------------------------


def test_public_pages_show_published_reports_only(
    client,
    focal,
    secretariat,
    draft,
    participant,
    other_participant,
    mandate,
    cycle,
    complete_answers,
):
    other = ProgressReport.objects.create(
        participant=other_participant,
        mandate=mandate,
        cycle=cycle,
        status=Status.SUBMITTED,
    )
    publish(draft, focal, secretariat, complete_answers)
    mandate_page = client.get(f"/en/mandates/{mandate.number}/")
    assert list(mandate_page.context["reports"]) == [draft]
    assert f"/en/reports/{other.pk}/" not in mandate_page.content.decode()
    participant_page = client.get(f"/en/participants/{other_participant.code}/")
    assert participant_page.context["cycle"] is None
    assert client.get(f"/en/reports/{other.pk}/").status_code == 404
    assert client.get(f"/en/reports/{draft.pk}/").status_code == 200


def test_public_mandate_page_query_count_does_not_grow(
    client, mandate, cycle, django_assert_max_num_queries
):
    from accounts.models import Participant

    def add(participants):
        for participant in participants:
            ProgressReport.objects.create(
                participant=participant,
                mandate=mandate,
                cycle=cycle,
                status=Status.PUBLISHED,
                published_at=cycle.opens_on.isoformat() + "T00:00Z",
            )

    add(Participant.objects.filter(code="CAN"))
    with django_assert_max_num_queries(8) as one:
        client.get(f"/en/mandates/{mandate.number}/")
    add(Participant.objects.exclude(code="CAN"))
    with django_assert_max_num_queries(len(one.captured_queries)):
        response = client.get(f"/en/mandates/{mandate.number}/")
    assert len(response.context["reports"]) == 48


def test_public_participant_page_query_count_does_not_grow(
    client, participant, cycle, django_assert_max_num_queries
):
    def publish_on(numbers):
        for number in numbers:
            ProgressReport.objects.create(
                participant=participant,
                mandate=Mandate.objects.get(number=number),
                cycle=cycle,
                status=Status.PUBLISHED,
                published_at=timezone.now(),
            )

    publish_on([1])
    with django_assert_max_num_queries(8) as one:
        client.get(f"/en/participants/{participant.code}/")
    publish_on(range(2, 58))
    with django_assert_max_num_queries(len(one.captured_queries)):
        response = client.get(f"/en/participants/{participant.code}/")
    assert len(response.context["reports"]) == 57


def test_start_from_last_cycle_is_offered_only_where_there_is_one(
    client, focal, participant, cycle, closed_cycle
):
    ProgressReport.objects.create(
        participant=participant,
        mandate=Mandate.objects.get(number=7),
        cycle=closed_cycle,
    )
    client.force_login(focal)
    rows = client.get(f"/en/workspace/{participant.code}/").context["rows"]
    assert [row.mandate.number for row in rows if row.has_previous] == [7]
