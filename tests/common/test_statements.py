"""common.statements: a read compiled once gives what its queryset gives, in
every language, and never rows older than the database's."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.utils import translation

from accounts.models import Participant
from common.languages import shown_in_language
from common.statements import FixedRead
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


def test_columns_that_django_converts_are_refused():
    read = FixedRead(lambda: ProgressReport.objects.values("indicator_values"))
    with pytest.raises(ImproperlyConfigured, match="converts"):
        read()


def test_translated_fields_through_fallbacks_are_refused():
    read = FixedRead(lambda: Participant.objects.values("name"))
    with pytest.raises(ImproperlyConfigured, match="shown_in_language"):
        read()
