import pytest
from django.contrib.auth.models import AnonymousUser

from good_practices import selectors, services
from mandates.models import Mandate

from ..factories import CapacityFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def mandate_2(db):
    return Mandate.objects.get(number=2)


def test_capacities_for_a_need_rank_mandate_then_type_then_words(
    make_need, participant, mandate, mandate_2
):
    need = make_need(
        participant, mandate, kind="training",
        text="Training for auditors on asset declarations.",
    )  # fmt: skip
    words_only = CapacityFactory(
        title="Asset declarations toolkit", support_type="tools", mandates=[2]
    )
    same_mandate = CapacityFactory(support_type="funding", mandates=[mandate.number])
    same_mandate_and_type = CapacityFactory(
        support_type="training", mandates=[mandate.number]
    )
    CapacityFactory(title="Unrelated help", support_type="training", mandates=[2])
    CapacityFactory(status="draft", mandates=[mandate.number])

    ranked = [capacity for capacity, _fit in selectors.capacities_for_need(need)]
    assert ranked == [same_mandate_and_type, same_mandate, words_only]


def test_capacities_for_many_needs_agree_with_one_at_a_time(
    make_need, participant, other_participant, mandate, mandate_2
):
    needs = [
        make_need(participant, mandate, text="Open data on procurement."),
        make_need(other_participant, mandate_2, text="Judges training.", kind=""),
    ]
    for index in range(5):
        CapacityFactory(
            title=f"Open data course {index}", mandates=[2 if index % 2 else 40]
        )
    together = selectors.capacities_for_needs(needs, per_need=3)
    for need in needs:
        alone = selectors.capacities_for_need(need, limit=3)
        assert [c.pk for c, _f in together[need.pk]] == [c.pk for c, _f in alone]


def test_a_need_in_spanish_finds_a_capacity_by_its_words_accents_aside(
    make_need, participant, mandate
):
    need = make_need(
        participant, mandate, language="es",
        text="Apoyo para la protección de denunciantes.",
    )  # fmt: skip
    capacity = CapacityFactory(
        title="Programa de proteccion de denunciantes", language="es", mandates=[2]
    )
    CapacityFactory(title="Budget transparency", mandates=[2])
    assert [c for c, _f in selectors.capacities_for_need(need)] == [capacity]


def test_needs_a_capacity_could_meet_skip_met_and_invisible_needs(
    make_need, participant, other_participant, mandate, mandate_2, secretariat
):
    capacity = CapacityFactory(
        title="Protección de denunciantes", language="es", mandates=[mandate.number]
    )
    on_mandate = make_need(participant, mandate, text="Help with judges.")
    by_words = make_need(
        other_participant, mandate_2, language="pt",
        text="Proteção de denunciantes no setor público.",
    )  # fmt: skip
    met = make_need(participant, Mandate.objects.get(number=5), text="Denunciantes")
    services.initiative_record(user=secretariat, need=met, capacity=capacity)
    initiative = met.cooperation_initiatives.get()
    services.initiative_update(user=secretariat, initiative=initiative, status="agreed")
    hidden = make_need(participant, Mandate.objects.get(number=6), status="draft")

    found = list(
        selectors.needs_for_capacity(
            capacity, [mandate.pk], user=AnonymousUser(), limit=10
        )
    )
    assert found == [on_mandate, by_words]
    assert hidden not in found


def test_open_needs_drop_those_an_agreed_initiative_meets(
    make_need, participant, mandate, secretariat
):
    need = make_need(participant, mandate)
    capacity = CapacityFactory()
    initiative = services.initiative_record(
        user=secretariat, need=need, capacity=capacity
    )
    assert list(selectors.open_needs(user=AnonymousUser())) == [need]
    services.initiative_update(user=secretariat, initiative=initiative, status="agreed")
    assert list(selectors.open_needs(user=AnonymousUser())) == []


def test_public_initiatives_only_for_published_needs(
    make_need, participant, other_participant, mandate, secretariat
):
    capacity = CapacityFactory()
    public = services.initiative_record(
        user=secretariat, need=make_need(participant, mandate), capacity=capacity
    )
    services.initiative_record(
        user=secretariat,
        need=make_need(other_participant, mandate, status="submitted"),
        capacity=capacity,
    )
    assert list(selectors.public_initiatives()) == [public]


def test_members_and_the_secretariat_also_see_needs_of_unpublished_reports(
    make_need, participant, mandate, focal, outsider, secretariat
):
    capacity = CapacityFactory(mandates=[mandate.number])
    submitted = make_need(participant, mandate, status="submitted")

    def found(user):
        return list(
            selectors.needs_for_capacity(capacity, [mandate.pk], user=user, limit=5)
        )

    assert found(focal) == [submitted]
    assert found(secretariat) == [submitted]
    assert found(outsider) == []
    assert list(selectors.open_needs(user=focal)) == [submitted]
