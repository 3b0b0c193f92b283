"""Read configuration from the environment, failing early with a clear message.

Every setting that comes from outside goes through these helpers, so that a
malformed value stops start-up with the variable's name instead of surfacing
later as an obscure error deep inside Django.
"""

import os
from urllib.parse import parse_qs, unquote, urlsplit


class ConfigurationError(Exception):
    """A required variable is missing or a value cannot be understood."""


_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str | None = None) -> str:
    value = os.environ.get(name)
    if value is None:
        if default is None:
            raise ConfigurationError(f"{name} must be set.")
        return default
    return value


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    lowered = value.strip().lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise ConfigurationError(
        f"{name}={value!r} is not a boolean; use one of true/false, 1/0, yes/no."
    )


def env_int(
    name: str, default: int, minimum: int | None = None, maximum: int | None = None
) -> int:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    try:
        number = int(value)
    except ValueError:
        raise ConfigurationError(f"{name}={value!r} is not a whole number.") from None
    if minimum is not None and number < minimum:
        raise ConfigurationError(f"{name}={value!r} is less than {minimum}.")
    if maximum is not None and number > maximum:
        raise ConfigurationError(f"{name}={value!r} is more than {maximum}.")
    return number


def env_int_list(name: str, default: list[int], minimum: int = 0) -> list[int]:
    """Comma-separated whole numbers, each at least `minimum`; "" gives none."""
    value = os.environ.get(name)
    if value is None:
        return list(default)
    numbers = []
    for item in (part.strip() for part in value.split(",")):
        if not item:
            continue
        if not item.isascii() or not item.isdigit() or int(item) < minimum:
            raise ConfigurationError(
                f"{name}={value!r}: {item!r} is not a whole number of at least "
                f"{minimum}; give numbers separated by commas, as in 30,7,1."
            )
        numbers.append(int(item))
    return numbers


def env_choice(name: str, default: str, choices: tuple[str, ...]) -> str:
    value = os.environ.get(name, default).strip().lower() or default
    if value not in choices:
        raise ConfigurationError(
            f"{name}={value!r} is not one of {', '.join(choices)}."
        )
    return value


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if value is None:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


def parse_database_url(url: str) -> dict:
    """Turn postgres://user:pass@host:port/name?opt=v into Django's DATABASES entry.

    A `host` query parameter names a Unix socket directory, as libpq allows; the
    embedded server listens only on such a socket.
    """
    parts = urlsplit(url)
    if parts.scheme not in {"postgres", "postgresql", "pgsql"}:
        raise ConfigurationError(
            f"DATABASE_URL must start with postgres:// (got {parts.scheme or url!r})."
        )
    name = unquote(parts.path.lstrip("/"))
    if not name:
        raise ConfigurationError("DATABASE_URL has no database name after the host.")
    options = {key: values[-1] for key, values in parse_qs(parts.query).items()}
    host = options.pop("host", None) or unquote(parts.hostname or "")
    try:
        port = parts.port
    except ValueError:
        raise ConfigurationError(
            "DATABASE_URL has a port that is not a number."
        ) from None
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": name,
        "USER": unquote(parts.username or ""),
        "PASSWORD": unquote(parts.password or ""),
        "HOST": host,
        "PORT": str(port or ""),
        "OPTIONS": options,
    }


def check_redis_url(url: str) -> str:
    if urlsplit(url).scheme not in {"redis", "rediss", "unix"}:
        raise ConfigurationError(
            f"REDIS_URL must start with redis://, rediss:// or unix:// (got {url!r})."
        )
    return url
