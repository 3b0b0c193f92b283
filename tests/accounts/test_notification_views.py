"""A person turns their email reminders (or the review digest) on and off."""

import pytest

pytestmark = pytest.mark.django_db

URL = "/en/account/notifications/"


def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert "/en/account/sign-in/" in response["Location"]


def test_a_focal_point_turns_reminders_off_and_on(client, focal):
    client.force_login(focal)
    page = client.get(URL).content.decode()
    assert 'name="reminders_enabled"' in page and "checked" in page
    assert "30, 7, 1 days before" in page
    response = client.post(URL, {}, follow=True)
    focal.refresh_from_db()
    assert focal.reminders_enabled is False
    assert "Email reminders are off." in response.content.decode()
    assert "checked" not in response.content.decode().split("<form")[-1]
    client.post(URL, {"reminders_enabled": "on"})
    focal.refresh_from_db()
    assert focal.reminders_enabled is True


def test_the_secretariat_reads_about_the_digest_in_their_language(client, secretariat):
    client.force_login(secretariat)
    page = client.get("/es/account/notifications/").content.decode()
    assert "Recordatorios por correo" in page
    assert "resumen diario" in page
    assert "días antes" not in page  # not a focal point


def test_the_setting_is_the_persons_own(client, focal, outsider):
    client.force_login(outsider)
    client.post(URL, {})
    focal.refresh_from_db()
    outsider.refresh_from_db()
    assert focal.reminders_enabled is True and outsider.reminders_enabled is False
