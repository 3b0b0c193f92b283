"""Where a person lands after signing in, and who the header says is signed in."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.html import escape

from accounts.models import Membership, Participant
from tests.factories import MembershipFactory, UserFactory, authenticator_code

pytestmark = pytest.mark.django_db
PASSWORD = "correct horse battery"
SIGN_IN = "/en/account/sign-in/"
VERIFY = "/en/account/two-factor/verify/"


def sign_in(client, email, next_url=None):
    data = {"username": email, "password": PASSWORD}
    if next_url is not None:
        data["next"] = next_url
    return client.post(SIGN_IN, data)


@pytest.fixture
def focal_point():
    return MembershipFactory(
        participant=Participant.objects.get(code="ARG"), user__authenticator=False
    ).user


@pytest.mark.parametrize(
    "role", [Membership.Role.FOCAL_POINT, Membership.Role.OBSERVER]
)
def test_a_member_lands_on_the_workspace(client, role):
    member = MembershipFactory(role=role, user__authenticator=False).user
    assert sign_in(client, member.email)["Location"] == "/en/workspace/"


def test_a_contributor_lands_on_the_workspace_and_is_named_there(client, contributor):
    contributor.set_password(PASSWORD)
    contributor.save()
    response = client.post(
        SIGN_IN, {"username": contributor.email, "password": PASSWORD}, follow=True
    )
    assert response.redirect_chain[0][0] == "/en/workspace/"
    assert response.redirect_chain[-1][0] == "/en/workspace/ARG/"
    assert "· Argentina" in response.text


def test_a_person_with_no_role_lands_on_the_home_page(client):
    person = UserFactory(authenticator=False)
    assert sign_in(client, person.email)["Location"] == "/en/"


def test_the_page_asked_for_wins_when_it_is_ours(client, focal_point):
    response = sign_in(client, focal_point.email, next_url="/en/mandates/13/")
    assert response["Location"] == "/en/mandates/13/"


def test_a_next_page_elsewhere_is_ignored(client, focal_point):
    response = sign_in(client, focal_point.email, next_url="https://evil.example/")
    assert response["Location"] == "/en/workspace/"


def test_the_secretariat_lands_on_the_review_queue_after_the_code(client):
    reviewer = UserFactory(is_secretariat=True)
    assert sign_in(client, reviewer.email)["Location"] == VERIFY
    response = client.post(VERIFY, {"code": authenticator_code(reviewer)})
    assert response["Location"] == "/en/review/"


def test_next_is_kept_through_the_second_factor(client):
    focal = MembershipFactory(user__authenticator=True).user
    response = sign_in(client, focal.email, next_url="/en/dashboards/")
    assert response["Location"] == f"{VERIFY}?next=%2Fen%2Fdashboards%2F"
    response = client.post(
        VERIFY, {"code": authenticator_code(focal), "next": "/en/dashboards/"}
    )
    assert response["Location"] == "/en/dashboards/"


def test_a_signed_in_person_opening_sign_in_goes_to_their_page(client, focal_point):
    client.force_login(focal_point)
    assert client.get(SIGN_IN)["Location"] == "/en/workspace/"


# --- Who is signed in ---------------------------------------------------------


def test_header_names_the_person_and_their_participant(client, focal_point):
    focal_point.full_name = "Demo Focal Point Argentina"
    focal_point.save()
    other = MembershipFactory(
        participant=Participant.objects.get(code="BRA"), user__full_name="Demo Brazil"
    ).user
    client.force_login(focal_point)
    page = client.get("/en/").text
    assert "Signed in as Demo Focal Point Argentina · Argentina" in page
    client.force_login(other)
    page = client.get("/es/").text
    assert "Brasil" in page and escape("Demo Brazil") in page
    assert "Sign out (Demo)" not in page


def test_header_says_the_secretariat(client):
    reviewer = UserFactory(is_secretariat=True, full_name="Rita Reviewer")
    client.force_login(reviewer)
    page = client.get("/en/review/").text
    assert "Signed in as Rita Reviewer · Secretariat" in page


def test_the_header_reads_no_membership(client, focal_point):
    """The participant's name is kept in the session at sign-in: the header
    of every page costs no query."""
    client.force_login(focal_point)
    with CaptureQueriesContext(connection) as queries:
        page = client.get("/en/mandates/")
    assert "· Argentina" in page.text
    assert not [q for q in queries if "accounts_membership" in q["sql"]]


def test_the_header_leaves_the_pages_own_participants_alone(client, focal_point):
    """A page's own list of participants (the dashboards' choices) is not the
    header's: the signed-in person sees the same page as a visitor."""
    client.force_login(focal_point)
    page = client.get("/en/dashboards/")
    assert page.status_code == 200
    assert "/en/dashboards/participants/BRA/" in page.text
