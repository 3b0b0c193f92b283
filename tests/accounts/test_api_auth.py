"""Wrong API tokens count in the lock-out; a locked network gets 429."""

import pytest
from rest_framework.authtoken.models import Token

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
WORKSPACE = "/api/v1/workspace/reports/"


def with_token(key: str, ip: str = "203.0.113.5") -> dict:
    return {"HTTP_AUTHORIZATION": f"Token {key}", "REMOTE_ADDR": ip}


def test_guessing_tokens_is_answered_429_with_retry_after(client, settings):
    statuses, retry_after = [], None
    for number in range(100):
        response = client.get(WORKSPACE, **with_token(f"{number:040x}"))
        statuses.append(response.status_code)
        if response.status_code == 429:
            retry_after = int(response["Retry-After"])
    limit = settings.SIGNIN_FAILURE_LIMIT_PER_IP
    assert statuses[: limit - 1] == [401] * (limit - 1)
    assert statuses[limit - 1 :] == [429] * (100 - limit + 1)
    assert 0 < retry_after <= 15 * 60


def test_a_locked_network_is_refused_even_a_good_token_others_are_not(client, settings):
    settings.SIGNIN_FAILURE_LIMIT_PER_IP = 6
    token = Token.objects.create(user=UserFactory())
    for number in range(6):
        client.get(WORKSPACE, **with_token(f"{number:040x}"))
    assert client.get(WORKSPACE, **with_token(token.key)).status_code == 429
    other_network = with_token(token.key, ip="198.51.100.20")
    assert client.get(WORKSPACE, **other_network).status_code == 200


def test_token_guesses_and_password_guesses_share_the_network_count(client, settings):
    settings.SIGNIN_FAILURE_LIMIT_PER_IP = 6
    person = UserFactory(email="focal@example.org")
    for number in range(3):
        client.get(WORKSPACE, **with_token(f"{number:040x}"))
    for number in range(3):
        client.post(
            "/en/account/sign-in/",
            {"username": f"guess{number}@example.org", "password": "wrong"},
            REMOTE_ADDR="203.0.113.5",
        )
    response = client.post(
        "/en/account/sign-in/",
        {"username": person.email, "password": "correct horse battery"},
        REMOTE_ADDR="203.0.113.5",
    )
    assert response.status_code == 429


def test_public_reads_need_no_token_and_are_not_counted(client):
    for _ in range(30):
        assert client.get("/api/v1/mandates/").status_code == 200
