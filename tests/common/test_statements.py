"""common.statements: a read compiled once gives what its queryset gives, in
every language, and never rows older than the database's."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.utils import translation

from accounts.models import Participant
from common.languages import shown_in_language
from common.statements import FixedRead
from common.statements import id_array as as_array
from mandates.models import Mandate
from progress.models import ProgressReport

pytestmark = pytest.mark.django_db


def names():
    return (
        Participant.objects.by_name()
        .annotate(shown=shown_in_language("name"))
        .values("shown", "code", "pk")
    )


@pytest.mark.parametrize("language", ["en", "es", "pt", "fr"])
def test_rows_are_the_querysets_rows(language):
    read = FixedRead(names)
    with translation.override(language):
        assert read() == list(names())
        assert len(read()) == Participant.objects.count()


def test_each_language_has_its_statement():
    read = FixedRead(names)
    with translation.override("en"):
        english = {row["code"]: row["shown"] for row in read()}
    with translation.override("es"):
        spanish = {row["code"]: row["shown"] for row in read()}
    assert english["MEX"] == "Mexico" and spanish["MEX"] == "México"


def test_rows_are_read_anew_on_every_call():
    read = FixedRead(names)
    before = {row["code"]: row["shown"] for row in read()}
    Participant.objects.filter(code="MEX").update(name_en="United Mexican States")
    after = {row["code"]: row["shown"] for row in read()}
    assert before["MEX"] == "Mexico" and after["MEX"] == "United Mexican States"


def test_a_read_that_matches_nothing_gives_no_rows():
    assert FixedRead(lambda: Participant.objects.none().values("code"))() == []


def test_values_are_converted_as_django_converts_them(draft):
    draft.indicator_values = {"T.2": "120"}
    draft.save()
    build = lambda: ProgressReport.objects.values("pk", "indicator_values")  # noqa: E731
    assert (
        FixedRead(build)()
        == list(build())
        == [{"pk": draft.pk, "indicator_values": {"T.2": "120"}}]
    )


def test_translated_fields_through_fallbacks_are_refused():
    read = FixedRead(lambda: Participant.objects.values("name"))
    with pytest.raises(ImproperlyConfigured, match="shown_in_language"):
        read()


def test_arguments_take_the_markers_places_on_every_call(cycle, closed_cycle):
    read = FixedRead(
        lambda cycle: ProgressReport.objects.filter(cycle_id=cycle).values("pk"),
        arguments=("cycle",),
    )
    open_report = ProgressReport.objects.create(
        participant=Participant.objects.get(code="MEX"),
        mandate=Mandate.objects.get(number=1),
        cycle=cycle,
    )
    assert read(cycle=cycle.pk) == [{"pk": open_report.pk}]
    assert read(cycle=closed_cycle.pk) == []
    with pytest.raises(TypeError):
        read()
    with pytest.raises(TypeError):
        read(cycle="1 OR 1=1")


def test_an_argument_missing_from_the_statement_is_refused():
    read = FixedRead(lambda cycle: Participant.objects.values("pk"), ("cycle",))
    with pytest.raises(ImproperlyConfigured, match="cycle"):
        read(cycle=1)


def test_an_array_argument_takes_the_lists_given(cycle):
    read = FixedRead(
        lambda ids: Participant.objects.filter(pk__in=as_array(ids))
        .order_by("code")
        .values("code"),
        arrays=("ids",),
    )
    chosen = Participant.objects.filter(code__in=["MEX", "ARG", "BRA"])
    pks = [p.pk for p in chosen]
    assert read(ids=pks) == [{"code": "ARG"}, {"code": "BRA"}, {"code": "MEX"}]
    assert read(ids=pks[:1]) == [{"code": chosen[0].code}]
    assert read(ids=[]) == []
    with pytest.raises(TypeError):
        read(ids=["1) OR (1=1"])
