"""Indicator rules (optional, lowest and highest value) from the shipped file.

load_reference creates only missing indicators, so it also sets the rules of
existing ones from the file, without touching their labels, and without
undoing a rule that a person changed in the admin since.
"""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from mandates.models import Indicator
from tests.factories import UserFactory
from tests.lima_portal.test_admin_history import change_url, open_form

pytestmark = pytest.mark.django_db


def reload() -> None:
    call_command("load_reference", stdout=io.StringIO())


@pytest.fixture
def administrator():
    return UserFactory(is_staff=True, is_superuser=True, password=None)


def edit_in_admin(client, indicator, **changes) -> None:
    data = open_form(client, indicator)
    for name, value in changes.items():
        if value is False:
            data.pop(name, None)  # an unticked box is not sent
        else:
            data[name] = "on" if value is True else value
    response = client.post(change_url(indicator), data)
    assert response.status_code == 302, response.content.decode()[:3000]


def test_reload_sets_the_rules_of_existing_indicators_and_keeps_their_labels(
    admin_client_for, administrator
):
    indicator = Indicator.objects.get(code="21.3")
    edit_in_admin(
        admin_client_for(administrator),
        indicator,
        label_en="Legal provisions changed (the secretariat's words)",
    )
    # As in a database of before the rules: nobody set them.
    Indicator.objects.filter(code__in=("21.3", "14.2")).update(
        is_optional=False, min_value=None, max_value=None
    )
    reload()
    indicator.refresh_from_db()
    assert indicator.is_optional
    assert indicator.label_en == "Legal provisions changed (the secretariat's words)"
    documents = Indicator.objects.get(code="14.2")
    assert (documents.min_value, documents.max_value) == (0, 8)
    assert indicator.history.latest().history_user is None  # the file's, not a person's


def test_reload_keeps_a_rule_a_person_changed_in_the_admin(
    admin_client_for, administrator
):
    client = admin_client_for(administrator)
    edit_in_admin(client, Indicator.objects.get(code="21.3"), is_optional=False)
    edit_in_admin(client, Indicator.objects.get(code="14.2"), max_value="6")
    records = Indicator.history.count()
    reload()
    assert not Indicator.objects.get(code="21.3").is_optional
    documents = Indicator.objects.get(code="14.2")
    assert (documents.min_value, documents.max_value) == (0, 6)
    assert Indicator.objects.get(code="11.2").is_optional
    assert Indicator.history.count() == records  # nothing to save, nothing saved


def test_admin_lists_which_indicators_are_optional(admin_client_for, administrator):
    page = admin_client_for(administrator).get("/admin/mandates/indicator/").text
    assert "column-is_optional" in page


def test_only_numbers_have_bounds_and_the_lowest_is_not_above_the_highest():
    yes_no = Indicator.objects.get(code="21.1")
    yes_no.max_value = 8
    with pytest.raises(ValidationError):
        yes_no.full_clean()
    documents = Indicator.objects.get(code="14.2")
    documents.min_value, documents.max_value = 9, 8
    with pytest.raises(ValidationError):
        documents.full_clean()
