"""Participants are listed by name in the reader's language, accents aside,
on the page and in its download alike."""

import pytest
from django.utils import timezone

from accounts.models import Participant
from mandates.models import Mandate
from tests.factories import ProgressReportFactory
from tests.public_site.test_opendata import csv_rows, download

pytestmark = pytest.mark.django_db
CODES = ["USA", "MEX", "GTM", "ECU"]
# Équateur, États-Unis, Guatemala, Mexique: by code it would be ECU GTM MEX USA,
# and a plain byte order would put the É names after Mexique.
FRENCH_ORDER = ["ECU", "USA", "GTM", "MEX"]


@pytest.fixture
def published_on_mandate_1(cycle):
    mandate = Mandate.objects.get(number=1)
    for code in CODES:
        ProgressReportFactory(
            participant=Participant.objects.get(code=code),
            mandate=mandate,
            cycle=cycle,
            status="published",
            published_at=timezone.now(),
        )
    return mandate


def test_mandate_page_and_its_download_list_participants_by_name(
    client, published_on_mandate_1, cycle
):
    page = client.get(f"/fr/mandates/1/?cycle={cycle.pk}")
    shown = [report.participant.code for report in page.context["reports"]]
    assert shown == FRENCH_ORDER
    rows = csv_rows(
        download(client, "/fr/open-data/reports.csv", mandate=1, cycle=cycle.pk)
    )
    assert [row["participant_code"] for row in rows] == FRENCH_ORDER


def test_participant_pickers_are_sorted_by_name(client, secretariat):
    client.force_login(secretariat)
    form = client.get("/fr/indicator-reports/").context["form"]
    codes = [code for code, _label in form.fields["participants"].choices]
    french = [code for code in codes if code in CODES]
    assert french == FRENCH_ORDER
