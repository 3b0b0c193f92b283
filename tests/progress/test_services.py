import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from common.locking import StaleVersion
from progress import services
from progress.models import ProgressReport, ReportTransition
from tests.factories import MembershipFactory

Status = ProgressReport.Status
pytestmark = pytest.mark.django_db

CONTENT = {"implementation_level": "advanced", "actions_taken": "Adopted a law."}


def start(focal, participant, mandate, cycle, **kwargs):
    return services.report_start(
        user=focal, participant=participant, mandate=mandate, cycle=cycle, **kwargs
    )[0]


def fill(focal, report, answers, **content):
    return services.report_update(
        user=focal,
        report=report,
        version=report.version,
        content={**CONTENT, **content},
        indicators=answers,
    )


def test_update_stores_typed_answers_and_bumps_version(focal, draft, complete_answers):
    report = fill(focal, draft, complete_answers)
    assert report.version == 2
    assert report.indicator_values == {
        "T.1": True,
        "T.2": 120,
        "T.3": 87.5,
        "T.4": "merit",
        "T.5": "Law 27.275",
    }
    assert report.history.count() == 2


def test_stale_save_is_refused_and_overwrites_nothing(focal, draft, complete_answers):
    first = fill(focal, draft, complete_answers, actions_taken="First person's text")
    with pytest.raises(StaleVersion) as refused:
        services.report_update(
            user=focal,
            report=draft,
            version=1,  # what the second person's form was based on
            content={**CONTENT, "actions_taken": "Second person's text"},
            indicators={},
        )
    assert refused.value.current.actions_taken == "First person's text"
    first.refresh_from_db()
    assert first.actions_taken == "First person's text"
    assert first.version == 2
    assert (
        "Someone else saved this while you were editing it" in refused.value.messages[0]
    )


@pytest.mark.parametrize(
    "code, raw, message",
    [
        ("T.3", "120", "from 0 to 100"),
        ("T.2", "-4", "zero or more"),
        ("T.2", "many", "Enter a number"),
        ("T.4", "lottery", "Choose one of the options"),
        ("T.1", "perhaps", "yes or no"),
    ],
)
def test_bad_answer_is_refused_and_changes_nothing(focal, draft, code, raw, message):
    with pytest.raises(ValidationError) as refused:
        fill(focal, draft, {code: raw})
    assert message in str(refused.value.message_dict[code])
    draft.refresh_from_db()
    assert (draft.version, draft.indicator_values) == (1, {})


def test_incomplete_report_cannot_be_submitted_and_says_what_is_missing(focal, draft):
    report = fill(focal, draft, {"T.1": "no"}, actions_taken="")
    with pytest.raises(ValidationError) as refused:
        services.report_submit(user=focal, report=report, version=report.version)
    text = " ".join(refused.value.messages)
    assert "the actions taken" in text
    assert "Requests received" in text
    assert "Is a law in force?" not in text
    report.refresh_from_db()
    assert report.status == Status.DRAFT


def test_not_applicable_needs_only_the_level(focal, draft):
    report = fill(
        focal, draft, {}, implementation_level="not_applicable", actions_taken=""
    )
    report = services.report_submit(user=focal, report=report, version=report.version)
    assert report.status == Status.SUBMITTED


def test_submit_records_transition(focal, submitted):
    assert submitted.status == Status.SUBMITTED
    assert submitted.submitted_by == focal
    transition = submitted.transitions.get()
    assert (transition.actor, transition.from_status, transition.to_status) == (
        focal,
        Status.DRAFT,
        Status.SUBMITTED,
    )


def test_submitted_report_is_read_only_for_focal_point(focal, submitted):
    with pytest.raises(PermissionDenied, match="can no longer be edited"):
        fill(focal, submitted, {})


def test_return_needs_a_comment(secretariat, submitted):
    with pytest.raises(ValidationError, match="needs a comment"):
        services.report_return(user=secretariat, report=submitted, comment="  ")
    submitted.refresh_from_db()
    assert submitted.status == Status.SUBMITTED


def test_return_correct_resubmit_validate_publish(
    focal, secretariat, submitted, complete_answers
):
    returned = services.report_return(
        user=secretariat, report=submitted, comment="Attach the law."
    )
    assert returned.status == Status.RETURNED
    corrected = fill(focal, returned, {}, actions_taken="Adopted law 123; attached.")
    # Answers left out of the second save are cleared, so it is incomplete now.
    with pytest.raises(ValidationError):
        services.report_submit(user=focal, report=corrected, version=corrected.version)
    corrected = fill(
        focal, corrected, complete_answers, actions_taken="Adopted law 123."
    )
    resubmitted = services.report_submit(
        user=focal, report=corrected, version=corrected.version
    )
    published = services.report_validate(
        user=secretariat, report=resubmitted, publish=True
    )
    assert published.status == Status.PUBLISHED
    assert published.published_at is not None
    path = list(
        ReportTransition.objects.filter(report=published).values_list(
            "to_status", flat=True
        )
    )
    assert path == ["submitted", "returned", "submitted", "validated", "published"]
    returned_step = published.transitions.get(to_status=Status.RETURNED)
    assert (returned_step.actor, returned_step.comment) == (
        secretariat,
        "Attach the law.",
    )


def test_validate_then_publish_separately(secretariat, submitted):
    validated = services.report_validate(user=secretariat, report=submitted)
    assert validated.status == Status.VALIDATED
    assert validated.published_at is None
    published = services.report_publish(user=secretariat, report=validated)
    assert published.status == Status.PUBLISHED


def test_nobody_validates_what_they_submitted(
    secretariat, participant, mandate, cycle, complete_answers
):
    MembershipFactory(user=secretariat, participant=participant)
    report = start(secretariat, participant, mandate, cycle)
    report = fill(secretariat, report, complete_answers)
    report = services.report_submit(
        user=secretariat, report=report, version=report.version
    )
    with pytest.raises(PermissionDenied, match="someone else must validate"):
        services.report_validate(user=secretariat, report=report)
    report.refresh_from_db()
    assert report.status == Status.SUBMITTED


def test_focal_point_cannot_review(focal, submitted):
    for action in (services.report_validate, services.report_publish):
        with pytest.raises(PermissionDenied):
            action(user=focal, report=submitted)
    with pytest.raises(PermissionDenied):
        services.report_return(user=focal, report=submitted, comment="x")


def test_publish_requires_validation(secretariat, submitted):
    with pytest.raises(ValidationError, match="Only a validated report"):
        services.report_publish(user=secretariat, report=submitted)


def test_outsider_and_observer_cannot_start_or_edit(
    outsider, observer, focal, participant, mandate, cycle, draft
):
    for person in (outsider, observer):
        with pytest.raises(PermissionDenied, match="Only a focal point"):
            fill(person, draft, {})
    draft.refresh_from_db()
    assert draft.version == 1


def test_closed_cycle_refuses_edits(focal, participant, mandate, closed_cycle):
    with pytest.raises(PermissionDenied, match="is closed"):
        start(focal, participant, mandate, closed_cycle)
    report = ProgressReport.objects.create(
        participant=participant, mandate=mandate, cycle=closed_cycle
    )
    with pytest.raises(PermissionDenied, match="is closed"):
        fill(focal, report, {})


def test_new_report_can_start_from_previous_cycle(
    focal, participant, mandate, cycle, closed_cycle
):
    ProgressReport.objects.create(
        participant=participant,
        mandate=mandate,
        cycle=closed_cycle,
        implementation_level="initial",
        actions_taken="Last year's actions.",
        indicator_values={"T.2": 40},
    )
    report = start(focal, participant, mandate, cycle, copy_previous=True)
    assert report.actions_taken == "Last year's actions."
    assert report.indicator_values == {"T.2": 40}
    assert report.status == Status.DRAFT


def test_starting_an_existing_report_returns_it_unchanged(
    focal, participant, mandate, cycle, draft
):
    draft = services.report_update(
        user=focal, report=draft, version=1, content={"results": "Kept."}, indicators={}
    )
    again, created = services.report_start(
        user=focal, participant=participant, mandate=mandate, cycle=cycle,
        copy_previous=True,
    )  # fmt: skip
    assert (again.pk, created) == (draft.pk, False)
    again.refresh_from_db()
    assert (again.results, again.version) == ("Kept.", 2)


def test_a_type_of_assistance_needs_a_description(focal, draft):
    with pytest.raises(ValidationError) as refused:
        services.report_update(
            user=focal, report=draft, version=1,
            content={"assistance_type": "training", "assistance_description": "  "},
            indicators={},
        )  # fmt: skip
    assert "assistance_description" in refused.value.message_dict
    draft.refresh_from_db()
    assert (draft.assistance_type, draft.version) == ("", 1)


def test_the_database_refuses_a_type_of_assistance_without_words(draft):
    draft.assistance_type = "training"
    with pytest.raises(IntegrityError), transaction.atomic():
        draft.save()


def test_answers_to_indicators_that_do_not_apply_are_refused(focal, draft):
    with pytest.raises(ValidationError) as refused:
        services.report_update(
            user=focal, report=draft, version=1, content={}, indicators={"Z.9": 1}
        )
    assert refused.value.message_dict == {
        "Z.9": ["This indicator does not apply to this report."]
    }
