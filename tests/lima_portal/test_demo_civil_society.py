"""The demo's civil society: made through the services, in several languages."""

import pytest

from civil_society.models import Observation, Organisation, Reply
from lima_portal.demo import DEMO_DOMAIN, demo_users
from lima_portal.demo.civil_society import demo_civil_society

pytestmark = pytest.mark.django_db


def test_demo_civil_society_has_every_status_and_a_reply(secretariat, cycle):
    users = demo_users(password="demo password for tests")
    members = {
        "poder": _user("member.poder"),
        "regional": _user("member.regional"),
    }
    created = demo_civil_society(
        members=members, focal_points=users, secretariat=secretariat
    )
    assert created == Observation.objects.count() == 7
    statuses = set(Organisation.objects.values_list("status", flat=True))
    assert statuses == {"applied", "approved"}
    observations = Observation.objects.all()
    assert {o.status for o in observations} == {
        "draft",
        "submitted",
        "published",
        "declined",
    }
    published = observations.filter(status="published")
    assert {o.language for o in published} == {"es", "pt", "en"}
    assert observations.get(status="declined").decline_reason
    reply = Reply.objects.get()
    assert reply.created_by == users["ARG"]
    assert reply.observation.status == "published"
    # Members write only their own organisation's observations.
    assert all(
        o.created_by.organisation_member.organisation == o.organisation
        for o in observations
    )


def _user(local):
    from accounts.models import User

    return User.objects.get(email=f"{local}@{DEMO_DOMAIN}")
