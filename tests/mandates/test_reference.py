import io
import json

import pytest
from django.core.management import CommandError, call_command

from accounts.models import Participant
from mandates.models import Mandate, Section


def load(*args: str) -> str:
    out = io.StringIO()
    call_command("load_reference", *args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_reference_data_is_complete():
    assert Section.objects.count() == 7
    assert Mandate.objects.count() == 57
    assert Participant.objects.states().count() == 35
    assert Participant.objects.jswg_entities().count() == 13
    assert Mandate.objects.filter(section__code="A").count() == 12
    assert Mandate.objects.filter(section__isnull=True).count() == 31


@pytest.mark.django_db
def test_reference_names_carry_four_languages():
    argentina = Participant.objects.get(code="ARG")
    assert (argentina.name_en, argentina.name_fr) == ("Argentina", "Argentine")
    oas = Participant.objects.get(code="OAS")
    assert (oas.acronym_en, oas.acronym_es) == ("OAS", "OEA")
    judicial = Mandate.objects.get(number=2)
    assert judicial.topic_es == "Autonomía e independencia judicial"


@pytest.mark.django_db
def test_load_reference_is_idempotent():
    before = (
        Section.objects.count(),
        Mandate.objects.count(),
        Participant.objects.count(),
    )
    output = load()
    after = (
        Section.objects.count(),
        Mandate.objects.count(),
        Participant.objects.count(),
    )
    assert before == after == (7, 57, 48)
    assert "7 sections, 57 mandates, 48 participants" in output


@pytest.mark.django_db
def test_official_texts_from_csv_set_text_topic_and_section(tmp_path):
    official = tmp_path / "official_es.csv"
    official.write_text(
        "number,language,section,topic,text\n"
        '30,es,D,Contrataciones abiertas,"Texto oficial del mandato 30."\n'
        "30,en,D,Open contracting,Official text of mandate 30.\n"
        "2,en,,,Official text of mandate 2.\n",
        encoding="utf-8",
    )
    assert "Official texts: 3 loaded." in load("--official", str(official))
    mandate = Mandate.objects.get(number=30)
    assert mandate.section.code == "D"
    assert mandate.text_es == "Texto oficial del mandato 30."
    assert mandate.topic_en == "Open contracting"
    assert mandate.topic_confidence == Mandate.Confidence.CONFIRMED
    assert Mandate.objects.get(number=2).text_en == "Official text of mandate 2."

    # Reloading the shipped file keeps what the official import gave.
    load()
    mandate.refresh_from_db()
    assert (mandate.section.code, mandate.topic_en) == ("D", "Open contracting")


@pytest.mark.django_db
def test_official_texts_from_json(tmp_path):
    official = tmp_path / "official.json"
    official.write_text(
        json.dumps([{"number": 18, "language": "fr", "text": "Texte officiel."}]),
        encoding="utf-8",
    )
    load("--official", str(official))
    assert Mandate.objects.get(number=18).text_fr == "Texte officiel."


@pytest.mark.django_db
def test_bad_official_file_names_every_error_and_changes_nothing(tmp_path):
    official = tmp_path / "official.csv"
    official.write_text(
        "number,language,section,text\n"
        "3,en,,Good row that must not be saved.\n"
        "58,en,,Too far.\n"
        "4,de,Z,\n",
        encoding="utf-8",
    )
    with pytest.raises(CommandError) as error:
        load("--official", str(official))
    message = str(error.value)
    assert "Row 2: number must be a whole number from 1 to 57." in message
    assert "Row 3: language must be one of en, es, pt, fr." in message
    assert "Row 3: section must be a letter from A to G." in message
    assert "Row 3: text is empty." in message
    assert not Mandate.objects.get(number=3).text_en


@pytest.mark.django_db
def test_unreadable_official_file_is_reported(tmp_path):
    with pytest.raises(CommandError, match="Cannot read"):
        load("--official", str(tmp_path / "missing.csv"))
    broken = tmp_path / "broken.json"
    broken.write_text("[{", encoding="utf-8")
    with pytest.raises(CommandError, match="not valid JSON"):
        load("--official", str(broken))
