"""The reports CSV that PostgreSQL writes (COPY) holds the very cells that the
Python writer writes from the same rows, neutralisation and language included."""

import csv
import io
from datetime import UTC, datetime

import pytest
from django.utils import translation

from accounts.models import Participant
from common.exports import write_table
from common.exports.writers import csv_chunks
from mandates.models import Indicator, Mandate
from public_site.opendata.datasets import DATASETS
from tests.factories import ProgressReportFactory

from ..common.test_writers import ATTACKS

pytestmark = pytest.mark.django_db


def cells(body: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(body.decode(), newline="")))


@pytest.fixture
def tricky_reports(cycle):
    argentina = Participant.objects.get(code="ARG")
    argentina.name_es, argentina.name_fr = "República Argentina", ""
    argentina.save()
    mandates = list(Mandate.objects.order_by("number")[: len(ATTACKS) + 2])
    texts = [*ATTACKS, "-5", 'Ley "27.275", art. 1\nsegunda línea; ñ']
    codes = list(Indicator.objects.order_by("?").values_list("code", flat=True)[:6])
    answers = [True, 12, 12.5, -5, "=HYPERLINK(1)", None]
    for index, (mandate, text) in enumerate(zip(mandates, texts, strict=False)):
        shifted = answers[index % 3 :] + answers[: index % 3]
        values = dict(zip(codes, shifted, strict=True))
        values.update({"ZZ.9": text, "AA.1": {"nested": ["=1", "ñ"]}, "zz.1": False})
        ProgressReportFactory(
            indicator_values=values,
            cycle=cycle,
            mandate=mandate,
            participant=argentina,
            actions_taken=text,
            results="" if index % 2 else text,
            challenges=text,
            assistance_description="=SUM(A1)",
            published_at=datetime(2025, 3, 4, 5, 6, 7, index * 1000, tzinfo=UTC),
        )
    ProgressReportFactory(
        cycle=cycle,
        mandate=mandates[0],
        participant=Participant.objects.get(code="MEX"),
        implementation_level="",
        published_at=datetime(2025, 3, 4, 5, 6, 7, tzinfo=UTC),
    )


@pytest.mark.parametrize("language", ["en", "es", "fr"])
def test_copy_writes_the_answers_the_python_writer_writes(tricky_reports, language):
    Indicator.objects.filter(code=Indicator.objects.order_by("code")[0].code).update(
        label_es="=SUMA(1)", label_fr=""
    )
    with translation.override(language):
        table = DATASETS["indicator-values"].table()
        assert table.copy is not None
        by_copy = io.BytesIO()
        rows = write_table(table, "csv", by_copy)
        by_python = b"".join(csv_chunks(DATASETS["indicator-values"].table()))
    written = cells(by_copy.getvalue())
    assert len(written) == rows + 1 > 60
    assert written == cells(by_python)
    values = {row[8] for row in written[1:]}
    assert {"true", "false", "12", "12.5", "-5", "'=HYPERLINK(1)"} <= values
    assert '{"nested": ["=1", "ñ"]}' in values


@pytest.mark.parametrize("language", ["en", "es", "fr"])
def test_copy_writes_the_cells_the_python_writer_writes(tricky_reports, language):
    with translation.override(language):
        table = DATASETS["reports"].table()
        assert table.copy is not None
        by_copy = io.BytesIO()
        rows = write_table(table, "csv", by_copy)
        by_python = b"".join(csv_chunks(DATASETS["reports"].table()))
    assert rows == len(ATTACKS) + 3
    written = cells(by_copy.getvalue())
    assert written == cells(by_python)
    assert len(written) == rows + 1
    actions = {row[9] for row in written[1:]}
    assert {"'" + attack for attack in ATTACKS} <= actions
    assert "-5" in actions, "a plain signed number is kept as it is"
    names = {row[4] for row in written[1:]}
    expected = "República Argentina" if language == "es" else "Argentina"
    assert expected in names, "names in the language of the download"


def test_the_copy_csv_through_the_site(client, tricky_reports):
    response = client.get("/es/open-data/reports.csv")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    body = b"".join(response.streaming_content)
    with translation.override("es"):
        assert cells(body) == cells(b"".join(csv_chunks(DATASETS["reports"].table())))
