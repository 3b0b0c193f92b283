"""A mandate has one name on every page: "13. Topic", or "Mandate 18" while its
topic is not known."""

import re

import pytest
from django.utils import timezone

from mandates.models import Mandate
from tests.factories import GoodPracticeFactory, ProgressReportFactory

pytestmark = pytest.mark.django_db
# The names it had before; compact lists of numbers ("Mandates: 13 18", each
# a link titled with the name) stay numbers, for every mandate alike.
OTHER_NAMES = re.compile(
    r"Topic to come|<span class=\"mandate-number\">18\.?</span>|>18\. |>18\.<"
)


def test_mandate_18_has_no_topic_in_the_reference_data():
    assert Mandate.objects.get(number=18).topic == ""
    assert str(Mandate.objects.get(number=18)) == "Mandate 18"


def test_every_page_names_mandate_18_the_same_way(client, focal, participant, cycle):
    mandate = Mandate.objects.get(number=18)
    report = ProgressReportFactory(
        participant=participant, mandate=mandate, cycle=cycle,
        status="published", published_at=timezone.now(),
    )  # fmt: skip
    practice = GoodPracticeFactory(mandates=[18])
    pages = {
        "mandate list": "/en/mandates/",
        "participant page": f"/en/participants/{participant.code}/",
        "practice": f"/en/good-practices/{practice.pk}/",
        "search": "/en/good-practices/?mandate=18",
    }
    client.force_login(focal)
    pages["workspace"] = f"/en/workspace/{participant.code}/?cycle={cycle.pk}"
    for name, url in pages.items():
        page = client.get(url).content.decode()
        assert "Mandate 18" in page, name
        assert not OTHER_NAMES.search(page), (name, OTHER_NAMES.search(page))
    assert report.mandate == mandate
