"""What the downloads say about each record, beyond which records they hold."""

import pytest

from tests.public_site.test_opendata import csv_rows, download

pytestmark = pytest.mark.django_db


def test_report_addresses_are_absolute_in_the_bulk_csv(client, every_status, settings):
    settings.PORTAL_URL = "https://portal.example.org"
    published = every_status["published"]
    rows = csv_rows(download(client, "/en/open-data/reports.csv"))
    row = next(r for r in rows if r["report_id"] == str(published.pk))
    assert row["url"] == f"https://portal.example.org/en/reports/{published.pk}/"
