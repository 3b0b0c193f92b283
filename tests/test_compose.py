"""docker-compose.yml, the Dockerfile and .env.example, checked without Docker.

The compose file is validated against the Compose specification's JSON schema,
which ships inside the docker-compose 1.29.2 wheel; the rest pins what the
deployment relies on: which services run, in which order, with which secrets.
"""

import json
import re
import shlex
import zipfile
from pathlib import Path

import jsonschema
import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
WHEEL = ROOT / ".venv" / "cache" / "docker_compose-1.29.2-py2.py3-none-any.whl"
SCHEMA_MEMBER = "compose/config/compose_spec.json"
APP_SERVICES = ("web", "worker", "beat")
SECRET_NAME = re.compile(r"SECRET|PASSWORD|TOKEN|_KEY$", re.IGNORECASE)
COMPOSE_VARIABLE = re.compile(r"\$\{(\w+)")
INTERPOLATION = re.compile(r"\$\{[^}]*\}")


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


@pytest.fixture(scope="module")
def schema() -> dict:
    if not WHEEL.exists():
        pytest.fail(
            f"The Compose specification schema comes from {WHEEL.name}, which is "
            f"missing. Get it with `make {WHEEL.relative_to(ROOT)}` or `.venv/bin/"
            "python -m pip download --no-deps --dest .venv/cache "
            "docker-compose==1.29.2`.",
            pytrace=False,
        )
    with zipfile.ZipFile(WHEEL) as wheel:
        return json.loads(wheel.read(SCHEMA_MEMBER))


def schema_errors(schema: dict, document: dict) -> list[str]:
    validator = jsonschema.Draft7Validator(schema)
    return [
        f"{'/'.join(map(str, error.absolute_path)) or '(top)'}: {error.message}"
        for error in validator.iter_errors(document)
    ]


def dockerfile_instructions() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) pairs, continuation lines joined."""
    text = (ROOT / "Dockerfile").read_text()
    logical = re.sub(r"\\\n", " ", text)
    instructions = []
    for line in logical.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            keyword, _, arguments = line.partition(" ")
            instructions.append((keyword.upper(), arguments.strip()))
    return instructions


def instruction_arguments(keyword: str) -> list[str]:
    return [args for key, args in dockerfile_instructions() if key == keyword]


def command_words(command: str | list[str]) -> list[str]:
    """A Dockerfile/compose command as words, `sh -c "..."` unwrapped."""
    if isinstance(command, str):
        command = json.loads(command) if command.startswith("[") else [command]
    if command[:2] == ["sh", "-c"]:
        command = command[2:]
    return [word for part in command for word in shlex.split(part)]


def environment(service: dict) -> dict[str, str]:
    values = service.get("environment", {})
    if isinstance(values, list):
        values = dict(item.partition("=")[::2] for item in values)
    return {key: str(value) for key, value in values.items()}


def test_compose_file_follows_the_compose_specification(compose, schema):
    assert schema_errors(schema, compose) == []


def test_schema_catches_a_mistake_so_the_check_above_means_something(compose, schema):
    broken = json.loads(json.dumps(compose))
    broken["services"]["web"]["dependson"] = ["db"]
    broken["services"]["db"]["healthcheck"]["interval"] = 5
    errors = schema_errors(schema, broken)
    assert any("dependson" in error for error in errors), errors
    assert any("interval" in error for error in errors), errors


def test_the_six_services_exist(compose):
    assert {"proxy", "web", "worker", "beat", "db", "redis"} <= set(compose["services"])


def test_web_worker_and_beat_run_the_same_built_image(compose):
    services = compose["services"]
    builds = {json.dumps(services[name].get("build")) for name in APP_SERVICES}
    images = {services[name].get("image") for name in APP_SERVICES}
    assert builds == {'"."'}, "web, worker and beat build the repository's Dockerfile"
    assert len(images) == 1
    assert None not in images


def test_worker_and_beat_run_celery_for_the_portal(compose):
    services = compose["services"]
    worker = command_words(services["worker"]["command"])
    beat = command_words(services["beat"]["command"])
    assert worker[:5] == ["celery", "-A", "lima_portal", "worker", "-l"]
    assert beat[:5] == ["celery", "-A", "lima_portal", "beat", "-l"]


def test_web_runs_the_image_command(compose):
    """web keeps the Dockerfile's gunicorn CMD rather than a second copy of it."""
    assert "command" not in compose["services"]["web"]


def test_migrations_and_reference_data_are_loaded_before_the_portal_starts(compose):
    services = compose["services"]
    migrate = " ".join(command_words(services["migrate"]["command"]))
    assert "manage.py migrate --no-input && python manage.py load_reference" in migrate
    assert services["migrate"]["restart"] == "no"
    for name in APP_SERVICES:
        condition = services[name]["depends_on"]["migrate"]["condition"]
        assert condition == "service_completed_successfully", name


def test_app_services_wait_for_healthy_database_and_redis(compose):
    for name in (*APP_SERVICES, "migrate"):
        depends_on = compose["services"][name]["depends_on"]
        for store in ("db", "redis"):
            assert depends_on[store]["condition"] == "service_healthy", (name, store)


def test_db_and_redis_have_healthchecks(compose):
    db, redis = compose["services"]["db"], compose["services"]["redis"]
    assert db["image"].startswith("postgres:16")
    assert redis["image"].startswith("redis:7")
    assert "pg_isready" in " ".join(db["healthcheck"]["test"])
    assert "redis-cli ping" in " ".join(redis["healthcheck"]["test"])


def test_every_depends_on_target_exists(compose):
    services = compose["services"]
    for name, service in services.items():
        for target in service.get("depends_on", []):
            assert target in services, f"{name} depends on unknown service {target}"


def test_named_volumes_are_declared_and_used(compose):
    declared = set(compose.get("volumes") or {})
    used = set()
    for name, service in compose["services"].items():
        for volume in service.get("volumes", []):
            source = volume.get("source") if isinstance(volume, dict) else volume
            source = source.split(":")[0]
            if not source.startswith((".", "/", "~")):
                assert source in declared, f"{name} uses undeclared volume {source}"
                used.add(source)
    assert used == declared, f"declared but unused: {declared - used}"


def test_media_volume_is_shared_by_web_and_worker_at_media_root(compose):
    media_root = re.search(r"MEDIA_ROOT=(\S+)", " ".join(instruction_arguments("ENV")))
    assert media_root, "the Dockerfile sets MEDIA_ROOT"
    for name in ("web", "worker"):
        assert f"media:{media_root[1]}" in compose["services"][name]["volumes"], name
    db_volumes = compose["services"]["db"]["volumes"]
    assert "pgdata:/var/lib/postgresql/data" in db_volumes


def test_web_publishes_no_host_port_so_replicas_never_clash(compose):
    """`docker compose up --scale web=3` starts three; none binds a host port."""
    web = compose["services"]["web"]
    assert "ports" not in web
    assert [str(port) for port in web["expose"]] == ["8000"]
    assert "container_name" not in web, "a fixed name allows one replica only"


def test_only_the_proxy_publishes_a_port_and_only_on_loopback(compose):
    publishing = {n for n, s in compose["services"].items() if s.get("ports")}
    assert publishing == {"proxy"}
    (port,) = compose["services"]["proxy"]["ports"]
    assert port == "127.0.0.1:${PROXY_PORT:-8000}:8080", "nginx.conf listens on 8080"


def test_proxy_runs_the_repository_nginx_conf_once_web_is_healthy(compose):
    proxy = compose["services"]["proxy"]
    assert re.fullmatch(r"nginx:\d+\.\d+(\.\d+)?(-\w+)?", proxy["image"]), "pinned"
    assert "./docker/nginx.conf:/etc/nginx/nginx.conf:ro" in proxy["volumes"]
    assert (ROOT / "docker" / "nginx.conf").is_file()
    assert proxy["depends_on"]["web"]["condition"] == "service_healthy"
    assert "healthcheck" in compose["services"]["web"]


def test_files_can_go_to_a_bucket_through_the_env_file(compose):
    """With STORAGE_BACKEND=s3 in .env, every replica and the worker share a
    bucket instead of the media volume (one machine only)."""
    example = (ROOT / ".env.example").read_text()
    for name in ("STORAGE_BACKEND", "S3_BUCKET_NAME", "S3_ACCESS_KEY_ID",
                 "S3_SECRET_ACCESS_KEY", "S3_ENDPOINT_URL"):  # fmt: skip
        assert re.search(rf"^#?\s*{name}=", example, re.MULTILINE), name
    for name in ("web", "worker"):
        assert compose["services"][name]["env_file"] == ".env"


def test_app_services_take_their_settings_from_the_env_file(compose):
    for name in APP_SERVICES:
        assert compose["services"][name]["env_file"] == ".env", name


def test_no_service_holds_a_secret_literal(compose):
    text = (ROOT / "docker-compose.yml").read_text()
    assert not re.search(r"SECRET_KEY\s*[:=]", text)
    for name, service in compose["services"].items():
        for key, value in environment(service).items():
            # Every ${...} comes from .env or the shell; what is left is literal.
            literal = INTERPOLATION.sub("$", value)
            if SECRET_NAME.search(key):
                assert literal == "$", f"{name}: {key} is a literal"
            password = re.search(r"://[^:/@]*:([^@]*)@", literal)
            if password:
                assert password[1] == "$", f"{name}: {key} has a literal password"


def test_env_example_lists_every_setting_and_compose_variable():
    example = (ROOT / ".env.example").read_text()
    listed = set(re.findall(r"^#?\s*([A-Z][A-Z0-9_]+)=", example, re.MULTILINE))
    settings_text = "".join(
        path.read_text() for path in (ROOT / "lima_portal").glob("settings*.py")
    )
    read_by_settings = set(re.findall(r'env_\w+\(\s*"(\w+)"', settings_text))
    compose_text = (ROOT / "docker-compose.yml").read_text()
    used_by_compose = set(COMPOSE_VARIABLE.findall(compose_text))
    assert read_by_settings, "settings.py reads its values through env_*()"
    assert read_by_settings - listed == set()
    assert used_by_compose - listed == set()


def test_env_file_stays_out_of_the_image():
    ignored = (ROOT / ".dockerignore").read_text().split()
    assert ".env" in ignored


def test_dockerfile_builds_a_non_root_python_311_image():
    assert instruction_arguments("FROM") == ["python:3.11-slim"]
    users = instruction_arguments("USER")
    assert users, "the image switches to a non-root user"
    assert users[-1] not in {"root", "0"}
    assert any("pip install" in run for run in instruction_arguments("RUN"))


def test_secret_key_lives_only_in_the_collectstatic_step():
    for keyword, arguments in dockerfile_instructions():
        if "SECRET_KEY" in arguments:
            assert keyword == "RUN", f"{keyword} must not carry SECRET_KEY"
            assert "collectstatic" in arguments


def test_dockerfile_command_runs_gunicorn_with_web_concurrency():
    (cmd,) = instruction_arguments("CMD")
    words = command_words(cmd)
    assert words[:3] == ["exec", "gunicorn", "lima_portal.wsgi:application"]
    assert "--bind 0.0.0.0:8000" in " ".join(words)
    assert "--workers ${WEB_CONCURRENCY:-3}" in " ".join(words)


def referenced_paths(words: list[str]) -> set[Path]:
    """Repository files that command words name: modules, scripts, /app paths."""
    paths = set()
    for word in words:
        module = re.fullmatch(r"([a-z_][\w.]*):\w+", word)
        if module:
            paths.add(Path(*module[1].split(".")).with_suffix(".py"))
        elif word.startswith("/app/"):
            paths.add(Path(word.removeprefix("/app/")))
        elif word.endswith((".py", ".sh")):
            paths.add(Path(word))
    if "-A" in words:
        paths.add(Path(words[words.index("-A") + 1]) / "celery.py")
    return paths


def test_commands_refer_to_files_that_exist(compose):
    commands = [command_words(cmd) for cmd in instruction_arguments("CMD")]
    commands += [command_words(e) for e in instruction_arguments("ENTRYPOINT")]
    for service in compose["services"].values():
        for key in ("command", "entrypoint"):
            if key in service and "image" in service and "build" in service:
                commands.append(command_words(service[key]))
        test = service.get("healthcheck", {}).get("test", [])
        if "/app/" in " ".join(test):
            commands.append(command_words(test[1:]))
    referenced = set().union(*(referenced_paths(words) for words in commands))
    assert Path("lima_portal/wsgi.py") in referenced
    assert Path("manage.py") in referenced
    missing = [str(path) for path in referenced if not (ROOT / path).is_file()]
    assert missing == []


def test_dockerfile_copies_files_that_exist():
    for arguments in instruction_arguments("COPY"):
        *sources, _destination = shlex.split(arguments)
        for source in sources:
            if not source.startswith("--"):
                assert (ROOT / source).exists(), source
