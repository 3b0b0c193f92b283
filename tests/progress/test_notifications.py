import time

import pytest
from django.core import mail

from accounts.models import Membership
from progress import services
from progress.models import ProgressReport
from progress.notifications import transition_notify
from tests.factories import MembershipFactory

Status = ProgressReport.Status


def submitted_report(focal, participant, mandate, cycle, answers):
    report = services.report_start(
        user=focal, participant=participant, mandate=mandate, cycle=cycle
    )[0]
    report = services.report_update(
        user=focal,
        report=report,
        version=report.version,
        content={"implementation_level": "advanced", "actions_taken": "A law."},
        indicators=answers,
    )
    return services.report_submit(user=focal, report=report, version=report.version)


@pytest.mark.django_db
def test_return_emails_each_focal_point_in_their_language(
    focal, observer, outsider, secretariat, participant, mandate, cycle,
    complete_answers,
):  # fmt: skip
    colleague = MembershipFactory(
        participant=participant, user__preferred_language="es"
    ).user
    report = submitted_report(focal, participant, mandate, cycle, complete_answers)
    services.report_return(user=secretariat, report=report, comment="Attach the law.")
    transition = report.transitions.get(to_status=Status.RETURNED)

    assert transition_notify(transition_id=transition.pk) == 2
    by_address = {message.to[0]: message for message in mail.outbox}
    assert set(by_address) == {focal.email, colleague.email}  # not the observer
    english = by_address[focal.email]
    assert "was returned for changes" in english.subject
    assert "Attach the law." in english.body
    assert f"/en/reports/{report.pk}/" in english.body
    spanish = by_address[colleague.email]
    assert "devuelto" in spanish.subject.lower()
    assert f"/es/reports/{report.pk}/" in spanish.body


@pytest.mark.django_db
def test_submission_sends_no_email(
    focal, participant, mandate, cycle, complete_answers
):
    report = submitted_report(focal, participant, mandate, cycle, complete_answers)
    assert transition_notify(transition_id=report.transitions.get().pk) == 0
    assert mail.outbox == []


def test_validating_and_publishing_at_once_sends_one_email_through_the_worker(
    live_worker, reference_data, focal, secretariat, participant, mandate, cycle,
    complete_answers,
):  # fmt: skip
    Membership.objects.filter(user=focal).update(role=Membership.Role.FOCAL_POINT)
    report = submitted_report(focal, participant, mandate, cycle, complete_answers)
    services.report_validate(user=secretariat, report=report, publish=True)
    deadline = time.monotonic() + 20
    while not mail.outbox and time.monotonic() < deadline:
        time.sleep(0.1)
    # A second email, if the code sent one, would follow within a moment.
    time.sleep(2)
    assert [m.subject.split(" ")[-1] for m in mail.outbox] == ["published"]
