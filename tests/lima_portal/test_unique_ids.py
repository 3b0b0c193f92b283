"""Every id on a page is unique, on the main pages of each persona.

Two forms on one page (the review's Return and Validate) once both gave
id="id_comment": a label then named the wrong field, and axe did not see it.
The pages are parsed as HTML, not searched as text.
"""

from collections import Counter
from html.parser import HTMLParser

import pytest

from progress import services
from tests.factories import GoodPracticeFactory

pytestmark = pytest.mark.django_db


class _Ids(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids = []

    def handle_starttag(self, tag, attrs):
        self.ids.extend(value for name, value in attrs if name == "id")


def duplicate_ids(html: str) -> list[str]:
    parser = _Ids()
    parser.feed(html)
    return sorted(i for i, count in Counter(parser.ids).items() if count > 1)


def assert_unique_ids(client, urls) -> None:
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert duplicate_ids(response.content.decode()) == [], url


def test_duplicate_ids_are_found():
    html = '<p id="a"></p><label for="a"></label><input id="a"><i id="b"></i>'
    assert duplicate_ids(html) == ["a"]


@pytest.fixture
def returned_and_resubmitted(submitted, focal, secretariat, complete_answers):
    """A report the secretariat returned and the focal point submitted again."""
    report = services.report_return(
        user=secretariat, report=submitted, comment="Give this year's figure."
    )
    report = services.report_update(
        user=focal,
        report=report,
        version=report.version,
        content={"actions_taken": "Adopted a law and its regulation."},
        indicators=complete_answers,
    )
    return services.report_submit(user=focal, report=report, version=report.version)


def test_public_pages_have_unique_ids(client, every_status):
    published = every_status["published"]
    assert_unique_ids(
        client,
        [
            "/en/",
            "/en/mandates/",
            f"/en/mandates/{published.mandate.number}/",
            "/en/participants/",
            f"/en/participants/{published.participant.code}/",
            f"/en/reports/{published.pk}/",
            "/en/reports/",
            "/en/dashboards/",
            "/en/dashboards/matrix/",
            f"/en/dashboards/mandates/{published.mandate.number}/",
            "/en/good-practices/",
            "/en/cooperation/",
            "/en/cooperation/needs/",
            "/en/open-data/",
            "/en/open-data/dictionary/",
            "/en/account/sign-in/",
            "/en/account/password-reset/",
        ],
    )


def test_focal_point_pages_have_unique_ids(client, focal, participant, draft, media):
    client.force_login(focal)
    client.post(
        f"/en/reports/{draft.pk}/evidence/",
        {"title": "Law", "url": "https://example.org/law"},
    )
    practice = GoodPracticeFactory(participant=participant, status="draft")
    assert_unique_ids(
        client,
        [
            f"/en/workspace/{participant.code}/",
            f"/en/reports/{draft.pk}/",
            f"/en/reports/{draft.pk}/edit/",
            "/en/workspace/api-token/",
            "/en/account/two-factor/",
            "/en/good-practices/mine/",
            "/en/good-practices/propose/",
            f"/en/good-practices/{practice.pk}/edit/",
            "/en/capacities/propose/",
        ],
    )


def test_refused_pages_have_unique_ids(client, focal, draft, media):
    """Pages that show two forms' errors at once: a bad answer and evidence."""
    client.force_login(focal)
    response = client.post(
        f"/en/reports/{draft.pk}/edit/",
        {
            "version": draft.version,
            "language": "en",
            "indicator_T_3": "140",
            "title": "",
            "url": "not a link",
            "add_evidence": "1",
        },
    )
    page = response.content.decode()
    assert "Enter a percentage from 0 to 100." in page
    assert duplicate_ids(page) == []


def test_secretariat_pages_have_unique_ids(
    client, secretariat, returned_and_resubmitted
):
    report = returned_and_resubmitted
    client.force_login(secretariat)
    assert_unique_ids(
        client,
        [
            "/en/review/",
            f"/en/review/{report.pk}/",
            "/en/indicator-reports/",
            "/en/good-practices/moderation/",
        ],
    )
    # Both decision forms at once, with their errors.
    response = client.post(
        f"/en/review/{report.pk}/", {"action": "return", "return-comment": ""}
    )
    assert response.status_code == 400
    assert duplicate_ids(response.content.decode()) == []
