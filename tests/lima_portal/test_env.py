import pytest

from lima_portal.env import (
    ConfigurationError,
    check_redis_url,
    env_bool,
    env_choice,
    env_int,
    parse_database_url,
)


def test_database_url_with_host_port_and_password():
    config = parse_database_url("postgres://lima:s%40cret@db.example:6543/portal")
    assert config["NAME"] == "portal"
    assert config["USER"] == "lima"
    assert config["PASSWORD"] == "s@cret"
    assert config["HOST"] == "db.example"
    assert config["PORT"] == "6543"


def test_database_url_with_unix_socket_directory():
    config = parse_database_url("postgres://postgres@/lima_portal?host=/tmp/pg")
    assert config["HOST"] == "/tmp/pg"
    assert config["NAME"] == "lima_portal"
    assert config["OPTIONS"] == {}


def test_database_url_keeps_libpq_options():
    config = parse_database_url("postgresql://u@h/db?sslmode=require")
    assert config["OPTIONS"] == {"sslmode": "require"}


@pytest.mark.parametrize(
    "url, message",
    [
        ("mysql://u@h/db", "must start with postgres://"),
        ("postgres://u@h/", "no database name"),
        ("postgres://u@h:port/db", "port that is not a number"),
    ],
)
def test_malformed_database_url_is_named(url, message):
    with pytest.raises(ConfigurationError, match=message):
        parse_database_url(url)


def test_redis_url_scheme_is_checked():
    assert check_redis_url("redis://127.0.0.1:6379/0")
    with pytest.raises(ConfigurationError, match="REDIS_URL"):
        check_redis_url("http://127.0.0.1:6379")


def test_booleans_and_integers(monkeypatch):
    monkeypatch.setenv("FLAG", "Yes")
    monkeypatch.setenv("COUNT", "12")
    assert env_bool("FLAG", False) is True
    assert env_int("COUNT", 1) == 12
    monkeypatch.setenv("FLAG", "maybe")
    monkeypatch.setenv("COUNT", "twelve")
    with pytest.raises(ConfigurationError, match="FLAG='maybe' is not a boolean"):
        env_bool("FLAG", False)
    with pytest.raises(ConfigurationError, match="COUNT='twelve' is not a whole"):
        env_int("COUNT", 1)


def test_integer_below_its_minimum_is_refused(monkeypatch):
    monkeypatch.setenv("DAYS", "-1")
    with pytest.raises(ConfigurationError, match="DAYS='-1' is less than 0"):
        env_int("DAYS", 30, minimum=0)
    monkeypatch.setenv("DAYS", "0")
    assert env_int("DAYS", 30, minimum=0) == 0


def test_choice_is_one_of_the_allowed_values(monkeypatch):
    assert env_choice("BACKEND", "local", ("local", "s3")) == "local"
    monkeypatch.setenv("BACKEND", " S3 ")
    assert env_choice("BACKEND", "local", ("local", "s3")) == "s3"
    monkeypatch.setenv("BACKEND", "disk")
    with pytest.raises(ConfigurationError, match="BACKEND='disk' is not one of"):
        env_choice("BACKEND", "local", ("local", "s3"))
