"""Reads of progress reports reused by other apps."""

import pytest
from django.contrib.auth.models import AnonymousUser

from mandates.models import Mandate
from progress.selectors import assistance_needs

pytestmark = pytest.mark.django_db


def test_assistance_needs_follow_who_may_read_the_report(
    make_need, participant, other_participant, mandate, focal, outsider, secretariat
):
    published = make_need(participant, mandate)
    draft = make_need(other_participant, mandate, status="draft")
    empty = make_need(participant, Mandate.objects.get(number=3))
    type(empty).objects.filter(pk=empty.pk).update(
        assistance_type="", assistance_description=""
    )

    def needs(user):
        return set(assistance_needs(user=user))

    assert needs(AnonymousUser()) == {published}
    assert needs(focal) == {published}
    assert needs(outsider) == {published, draft}
    assert needs(secretariat) == {published, draft}
