"""A submit form's version that is not the report's is refused with a message,
whatever it holds ("²" is a digit to str.isdigit(), not to int())."""

import pytest

from ..factories import GoodPracticeFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("version", ["²", "", "1.0", "99999999999999999999999"])
def test_report_submit_with_an_odd_version_changes_nothing(
    client, focal, draft, version
):
    client.force_login(focal)
    response = client.post(f"/en/reports/{draft.pk}/submit/", {"version": version})
    assert response.status_code == 302
    assert response["Location"] == f"/en/reports/{draft.pk}/edit/"
    draft.refresh_from_db()
    assert draft.status == "draft"


@pytest.mark.parametrize("version", ["²", "x"])
def test_contribution_submit_with_an_odd_version_changes_nothing(
    client, focal, participant, version
):
    practice = GoodPracticeFactory(participant=participant, status="draft")
    client.force_login(focal)
    response = client.post(
        f"/en/contributions/{practice.pk}/submit/", {"version": version}
    )
    assert response.status_code == 302
    practice.refresh_from_db()
    assert practice.status == "draft"
