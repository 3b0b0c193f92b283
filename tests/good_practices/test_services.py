import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from common.locking import StaleVersion
from good_practices import services
from good_practices.models import Contribution, CooperationInitiative
from good_practices.search import SearchFilters, search_results
from mandates.models import Mandate

from ..factories import CapacityFactory, GoodPracticeFactory

pytestmark = pytest.mark.django_db
Status = Contribution.Status
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def practice_content(**changes) -> dict:
    content = {
        "title": "Registro de declaraciones juradas",
        "summary": "Un registro en línea.",
        "description": "La Oficina Anticorrupción publicó las declaraciones.",
        "institution": "Oficina Anticorrupción",
        "start_year": 2019,
        "end_year": None,
        "results": "El cumplimiento subió al 98 %.",
        "contact_name": "",
        "contact_email": "",
        "language": "es",
    }
    return content | changes


def mandates(*numbers):
    return Mandate.objects.filter(number__in=numbers or [10])


@pytest.fixture
def draft(focal, participant):
    return services.good_practice_create(
        user=focal, participant=participant, content=practice_content(),
        mandates=mandates(10, 11),
    )  # fmt: skip


def found(words: str) -> list[int]:
    return [r.pk for r in search_results(SearchFilters(q=words))]


def test_focal_point_creates_a_draft_with_mandates_and_search_vector(draft):
    assert draft.status == Status.DRAFT and draft.version == 1
    assert draft.kind == Contribution.Kind.PRACTICE
    assert set(draft.mandates.values_list("number", flat=True)) == {10, 11}
    draft.refresh_from_db()
    assert "'declar'" in str(draft.search_vector)  # spanish stem of declaraciones


def test_outsider_and_observer_cannot_create_for_the_participant(
    outsider, observer, participant
):
    for user in (outsider, observer):
        with pytest.raises(PermissionDenied):
            services.good_practice_create(
                user=user, participant=participant, content=practice_content(),
                mandates=mandates(),
            )  # fmt: skip


def test_a_practice_needs_a_mandate_and_a_period_in_order(focal, participant):
    with pytest.raises(ValidationError) as error:
        services.good_practice_create(
            user=focal, participant=participant, content=practice_content(),
            mandates=Mandate.objects.none(),
        )  # fmt: skip
    assert "mandates" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.good_practice_create(
            user=focal, participant=participant,
            content=practice_content(start_year=2020, end_year=2018),
            mandates=mandates(),
        )  # fmt: skip
    assert "The last year cannot come before the first year." in str(error.value)


def test_update_rebuilds_the_search_vector_and_bumps_the_version(focal, draft):
    updated = services.good_practice_update(
        user=focal, practice=draft, version=1,
        content=practice_content(title="Portal de transparencia"),
        mandates=mandates(16),
    )  # fmt: skip
    assert updated.version == 2
    assert set(updated.mandates.values_list("number", flat=True)) == {16}
    services.contribution_submit(user=focal, record=updated, version=2)
    secretariat_publish(updated)
    assert found("transparencia") == [draft.pk]
    assert found("juradas") == []


def secretariat_publish(record):
    from ..factories import UserFactory

    return services.contribution_publish(
        user=UserFactory(is_secretariat=True), record=record
    )


def test_a_stale_version_is_refused_and_nothing_is_saved(focal, draft):
    services.good_practice_update(
        user=focal, practice=draft, version=1, content=practice_content(title="A"),
        mandates=mandates(),
    )  # fmt: skip
    with pytest.raises(StaleVersion) as stale:
        services.good_practice_update(
            user=focal, practice=draft, version=1,
            content=practice_content(title="B"), mandates=mandates(),
        )  # fmt: skip
    assert stale.value.current.title == "A"
    draft.refresh_from_db()
    assert (draft.title, draft.version) == ("A", 2)


def test_submit_publish_and_the_published_record_is_read_only(
    focal, draft, secretariat
):
    submitted = services.contribution_submit(user=focal, record=draft, version=1)
    assert submitted.status == Status.SUBMITTED and submitted.submitted_by == focal
    published = services.contribution_publish(user=secretariat, record=submitted)
    assert published.status == Status.PUBLISHED and published.published_at
    assert found("declaraciones") == [draft.pk]
    with pytest.raises(PermissionDenied, match="published"):
        services.good_practice_update(
            user=focal, practice=draft, version=1, content=practice_content(),
            mandates=mandates(),
        )  # fmt: skip


def test_decline_needs_a_reason_and_the_author_can_resubmit(focal, draft, secretariat):
    services.contribution_submit(user=focal, record=draft, version=1)
    with pytest.raises(ValidationError):
        services.contribution_decline(user=secretariat, record=draft, reason=" ")
    declined = services.contribution_decline(
        user=secretariat, record=draft, reason="Add the figures."
    )
    assert declined.status == Status.DECLINED
    assert (declined.decline_reason, declined.decided_by) == (
        "Add the figures.",
        secretariat,
    )
    edited = services.good_practice_update(
        user=focal, practice=draft, version=1, content=practice_content(),
        mandates=mandates(),
    )  # fmt: skip
    again = services.contribution_submit(user=focal, record=edited, version=2)
    assert again.status == Status.SUBMITTED and again.decline_reason == ""


def test_only_the_secretariat_decides_and_never_on_its_own_submission(
    focal, draft, secretariat
):
    services.contribution_submit(user=focal, record=draft, version=1)
    with pytest.raises(PermissionDenied):
        services.contribution_publish(user=focal, record=draft)
    focal.is_secretariat = True
    focal.save()
    with pytest.raises(PermissionDenied, match="someone else"):
        services.contribution_publish(user=focal, record=draft)


def test_a_draft_cannot_be_published_before_it_is_submitted(draft, secretariat):
    with pytest.raises(ValidationError):
        services.contribution_publish(user=secretariat, record=draft)


def test_capacity_with_coverage_and_languages(focal, participant):
    capacity = services.capacity_create(
        user=focal, participant=participant,
        content={
            "title": "Curso sobre contrataciones", "summary": "Curso.",
            "description": "Un curso.", "support_type": "training",
            "subregions": ["southern_cone"], "languages_offered": ["es", "pt"],
            "how_to_request": "Escriba.", "contact_email": "", "language": "es",
        },
        mandates=mandates(14), countries=[participant],
    )  # fmt: skip
    assert capacity.kind == Contribution.Kind.CAPACITY
    assert list(capacity.countries.all()) == [participant]
    with pytest.raises(ValidationError):
        services.capacity_update(
            user=focal, capacity=capacity, version=1,
            content={"subregions": ["atlantis"]}, mandates=mandates(14),
        )  # fmt: skip


def test_attachments_are_checked_like_evidence(focal, draft, media):
    pdf = SimpleUploadedFile("report.pdf", PDF)
    attachment = services.practice_attachment_add(
        user=focal, practice=draft, title="Evaluation", upload=pdf
    )
    assert attachment.content_type == "application/pdf"
    fake = SimpleUploadedFile("virus.pdf", b"MZ\x90\x00 not a pdf")
    with pytest.raises(ValidationError, match="does not match"):
        services.practice_attachment_add(
            user=focal, practice=draft, title="Bad", upload=fake
        )
    link = services.practice_attachment_add(
        user=focal, practice=draft, title="Site", url="https://example.org"
    )
    services.practice_attachment_remove(user=focal, attachment=link)
    assert list(draft.attachments.all()) == [attachment]


def test_outsider_cannot_add_files_to_another_participants_practice(outsider, draft):
    with pytest.raises(PermissionDenied):
        services.practice_attachment_add(
            user=outsider, practice=draft, title="X", url="https://example.org"
        )


# --- Cooperation initiatives ---------------------------------------------------------


def test_secretariat_records_an_initiative_and_moves_it_forward(
    secretariat, make_need, participant, mandate
):
    need = make_need(participant, mandate)
    capacity = CapacityFactory()
    initiative = services.initiative_record(
        user=secretariat, need=need, capacity=capacity, note="First call held."
    )
    assert initiative.status == CooperationInitiative.Status.PROPOSED
    with pytest.raises(ValidationError, match="already recorded"):
        services.initiative_record(user=secretariat, need=need, capacity=capacity)
    for status in ("agreed", "in_progress", "completed"):
        initiative = services.initiative_update(
            user=secretariat, initiative=initiative, status=status
        )
    assert initiative.note == "First call held."
    with pytest.raises(ValidationError):
        services.initiative_update(
            user=secretariat, initiative=initiative, status="proposed"
        )


def test_only_published_capacities_and_real_needs_make_initiatives(
    secretariat, focal, make_need, participant, mandate
):
    need = make_need(participant, mandate)
    with pytest.raises(ValidationError):
        services.initiative_record(
            user=secretariat, need=need, capacity=CapacityFactory(status="draft")
        )
    need.assistance_description = ""
    with pytest.raises(ValidationError):
        services.initiative_record(
            user=secretariat, need=need, capacity=CapacityFactory()
        )
    with pytest.raises(PermissionDenied):
        services.initiative_record(
            user=focal, need=make_need(participant, Mandate.objects.get(number=1)),
            capacity=CapacityFactory(),
        )  # fmt: skip


def test_next_statuses_move_forward_or_cancel():
    assert services.initiative_next_statuses("agreed") == [
        "in_progress",
        "completed",
        "cancelled",
    ]
    assert services.initiative_next_statuses("completed") == []
    assert services.initiative_next_statuses("cancelled") == []


def test_a_practice_from_the_factory_is_searchable():
    practice = GoodPracticeFactory(title="Citizen budget")
    assert found("citizen budget") == [practice.pk]
