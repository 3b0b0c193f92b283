"""The history names who made each version and each transition, at every step.

Two focal points edit in turn and two members of the secretariat decide (one
returns, the other validates and publishes): a status change saved by a
reviewer must never take over a focal point's version.
"""

import re
from html import unescape

import pytest
from django.utils.html import strip_tags

from progress import history, services
from progress.models import ProgressReport
from tests.factories import MembershipFactory

Status = ProgressReport.Status
pytestmark = pytest.mark.django_db

ACTIONS = "Adopted a law."
FIRST_CONTENT = {"implementation_level": "advanced", "actions_taken": ACTIONS}
SECOND_CONTENT = {"implementation_level": "completed", "actions_taken": ACTIONS}
FIRST_CHANGES = [
    "Implementation level",
    "Actions taken",
    "Indicator T.1: Is a law in force?",
    "Indicator T.2: Requests received",
    "Indicator T.3: Share answered on time",
    "Indicator T.4: How are judges selected?",
    "Indicator T.5: Name of the law",
]
SECOND_CHANGES = ["Implementation level", "Indicator T.2: Requests received"]


def focal_point(participant, name: str):
    # Signed in with force_login: no password to hash, which is slow on purpose.
    return MembershipFactory(
        participant=participant, user__full_name=name, user__password=None
    ).user


@pytest.fixture
def ana(participant):
    return focal_point(participant, "Ana Focal")


@pytest.fixture
def bruno(participant):
    return focal_point(participant, "Bruno Focal")


def authors(report) -> list[tuple[int, object]]:
    return [(v.number, v.author) for v in history.version_history(report)]


def test_each_version_and_transition_names_its_author_at_every_step(
    participant,
    mandate,
    cycle,
    ana,
    bruno,
    secretariat,
    secretariat2,
    complete_answers,
):
    report, _created = services.report_start(
        user=ana, participant=participant, mandate=mandate, cycle=cycle
    )
    assert authors(report) == [(1, ana)]
    report = services.report_update(
        user=bruno,
        report=report,
        version=1,
        content=FIRST_CONTENT,
        indicators=complete_answers,
    )
    assert authors(report) == [(2, bruno), (1, ana)]
    report = services.report_submit(user=ana, report=report, version=2)
    assert authors(report) == [(2, bruno), (1, ana)]
    report = services.report_return(
        user=secretariat, report=report, comment="Give this year's figure."
    )
    assert authors(report) == [(2, bruno), (1, ana)]
    report = services.report_update(
        user=ana,
        report=report,
        version=2,
        content=SECOND_CONTENT,
        indicators={**complete_answers, "T.2": "150"},
    )
    assert authors(report) == [(3, ana), (2, bruno), (1, ana)]
    # "Save and submit" with nothing changed: no version of its own; the
    # submission is Bruno's, the content still Ana's version 3.
    report = services.report_update(
        user=bruno,
        report=report,
        version=3,
        content=SECOND_CONTENT,
        indicators={**complete_answers, "T.2": "150"},
    )
    report = services.report_submit(user=bruno, report=report, version=3)
    expected = [(3, ana), (2, bruno), (1, ana)]
    assert authors(report) == expected
    report = services.report_validate(user=secretariat2, report=report, publish=True)
    assert report.status == Status.PUBLISHED
    assert authors(report) == expected

    versions = history.version_history(report)
    assert [
        (v.number, v.author, [c.label for c in v.changes], v.is_first) for v in versions
    ] == [
        (3, ana, SECOND_CHANGES, False),
        (2, bruno, FIRST_CHANGES, False),
        (1, ana, [], True),
    ]
    assert [
        (t.from_status, t.to_status, t.actor) for t in report.transitions.all()
    ] == [
        (Status.DRAFT, Status.SUBMITTED, ana),
        (Status.SUBMITTED, Status.RETURNED, secretariat),
        (Status.RETURNED, Status.SUBMITTED, bruno),
        (Status.SUBMITTED, Status.VALIDATED, secretariat2),
        (Status.VALIDATED, Status.PUBLISHED, secretariat2),
    ]
    # The report row keeps the content's author, not the last reviewer.
    assert (report.updated_by, report.submitted_by) == (ana, bruno)


def test_first_version_copied_from_previous_cycle_says_so(
    participant, mandate, cycle, closed_cycle, ana
):
    ProgressReport.objects.create(
        participant=participant,
        mandate=mandate,
        cycle=closed_cycle,
        status=Status.PUBLISHED,
        implementation_level="initial",
        actions_taken="Last year's actions.",
    )
    report, _created = services.report_start(
        user=ana,
        participant=participant,
        mandate=mandate,
        cycle=cycle,
        copy_previous=True,
    )
    report = services.report_update(
        user=ana, report=report, version=1, content={}, indicators={}
    )
    versions = history.version_history(report)
    # Saved without a change: no second version.
    assert [(v.number, v.is_first, v.copied, v.changes) for v in versions] == [
        (1, True, True, []),
    ]


# --- Through the pages ----------------------------------------------------------------

SUMMARY = re.compile(r"<summary>(.*?)</summary>", re.S)
LABEL = re.compile(r"^Version (\d+), .+, by (.+?)(?: — (\d+) changes?)?$")


def shown_versions(page: str) -> list[tuple[int, str, int]]:
    """(number, author, count of changes) of each version, in page order."""
    shown = []
    for summary in SUMMARY.findall(page):
        match = LABEL.match(unescape(strip_tags(summary)).strip())
        assert match, summary
        number, who, count = match.groups()
        shown.append((int(number), who, int(count or 0)))
    return shown


def shown_transitions(page: str) -> list[str]:
    timeline = page.split('<ol class="timeline">', 1)[1].split("</ol>", 1)[0]
    items = re.findall(r"<li>(.*?)</li>", timeline, re.S)
    return [
        unescape(strip_tags(item.split("<blockquote", 1)[0])).split(" — ", 1)[1]
        for item in items
    ]


def report_form(report, answers, **content) -> dict:
    data = {
        "version": report.version,
        "results": "",
        "challenges": "",
        "next_steps": "",
        "assistance_type": "",
        "assistance_description": "",
        "language": "en",
        **content,
    }
    for code, value in answers.items():
        data["indicator_" + code.replace(".", "_")] = value
    return data


def test_history_page_names_each_author_through_the_whole_review(
    client,
    participant,
    mandate,
    cycle,
    ana,
    bruno,
    secretariat,
    secretariat2,
    complete_answers,
):
    def act(user, url, data):
        client.force_login(user)
        response = client.post(url, data)
        assert response.status_code == 302, response.content.decode()[:2000]
        return ProgressReport.objects.get(participant=participant, mandate=mandate)

    def history_page(user, report) -> str:
        client.force_login(user)
        return client.get(f"/en/reports/{report.pk}/").content.decode()

    start = f"/en/workspace/{participant.code}/cycles/{cycle.pk}/mandates/40/start/"
    report = act(ana, start, {})
    edit = f"/en/reports/{report.pk}/edit/"
    review = f"/en/review/{report.pk}/"
    report = act(bruno, edit, report_form(report, complete_answers, **FIRST_CONTENT))
    report = act(ana, f"/en/reports/{report.pk}/submit/", {"version": 2})
    report = act(
        secretariat,
        review,
        {"action": "return", "return-comment": "Give this year's figure."},
    )
    before_resubmission = [(2, "Bruno Focal", 7), (1, "Ana Focal", 0)]
    assert shown_versions(history_page(bruno, report)) == before_resubmission
    answers = {**complete_answers, "T.2": "150"}
    report = act(ana, edit, report_form(report, answers, **SECOND_CONTENT))
    # Bruno resubmits from the form without changing anything.
    report = act(
        bruno, edit, {**report_form(report, answers, **SECOND_CONTENT), "submit": "1"}
    )
    assert report.status == Status.SUBMITTED
    report = act(secretariat2, review, {"action": "validate", "validate-publish": "on"})
    assert report.status == Status.PUBLISHED

    expected = [
        (3, "Ana Focal", 2),
        (2, "Bruno Focal", 7),
        (1, "Ana Focal", 0),
    ]
    transitions = [
        "Ana Focal moved the report from “Draft” to “Submitted”",
        "Reviewer One moved the report from “Submitted” to “Returned for changes”",
        "Bruno Focal moved the report from “Returned for changes” to “Submitted”",
        "Reviewer Two moved the report from “Submitted” to “Validated”",
        "Reviewer Two moved the report from “Validated” to “Published”",
    ]
    for page in (history_page(ana, report), _review_page(client, secretariat, report)):
        assert shown_versions(page) == expected
        assert shown_transitions(page) == transitions
        assert page.count("First version.") == 1
        # Bruno's unchanged resubmission made no version.
        assert page.count("Saved without any change to the content.") == 0
        assert '<ul class="versions">' in page and " reversed" not in page
        # "First version." stands under version 1, the last one listed.
        assert page.index("First version.") > page.rindex("<summary>")


def _review_page(client, user, report) -> str:
    client.force_login(user)
    return client.get(f"/en/review/{report.pk}/").content.decode()
