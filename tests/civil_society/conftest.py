import pytest

from . import helpers


@pytest.fixture
def organisation(secretariat):
    """An approved regional organisation."""
    return helpers.approved(secretariat)


@pytest.fixture
def member(organisation):
    return helpers.member(organisation, full_name="Marta Member")


@pytest.fixture
def other_organisation(secretariat):
    return helpers.approved(secretariat, "Observatorio del Sur")


@pytest.fixture
def other_member(other_organisation):
    return helpers.member(other_organisation)


@pytest.fixture
def mandate40(db):
    from mandates.models import Mandate

    return Mandate.objects.get(number=40)
