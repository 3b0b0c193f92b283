# The portal's production image: one image for web (gunicorn), worker, beat and
# the one-shot migrate service of docker-compose.yml. Settings come from the
# environment at run time (see .env.example); nothing secret is baked in.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    STATIC_ROOT=/app/staticfiles \
    MEDIA_ROOT=/var/lib/lima/media

WORKDIR /app

# The pinned dependencies first, read from pyproject.toml alone, so that a change
# to the code does not reinstall them.
COPY pyproject.toml ./
RUN python -c "import tomllib; print('\n'.join(tomllib.load(open('pyproject.toml', 'rb'))['project']['dependencies']))" > /tmp/requirements.txt \
    && pip install --requirement /tmp/requirements.txt \
    && rm /tmp/requirements.txt

# Editable, so that the code stays in /app: settings find templates/, static/ and
# locale/ next to it (BASE_DIR), which an install into site-packages would lose.
COPY . .
RUN pip install --no-deps --editable .

# Settings refuse to load without a SECRET_KEY; this random one lives only for
# this command and is not the key the portal runs with.
RUN SECRET_KEY="$(python -c 'import secrets; print(secrets.token_urlsafe(50))')" \
    python manage.py collectstatic --no-input

RUN useradd --system --user-group --uid 10001 --home-dir /app --no-create-home \
        --shell /usr/sbin/nologin lima \
    && mkdir -p "$MEDIA_ROOT" \
    && chown -R lima:lima /var/lib/lima
USER lima

EXPOSE 8000
# exec: gunicorn, not the shell, receives the stop signal and shuts down cleanly.
CMD ["sh", "-c", "exec gunicorn lima_portal.wsgi:application --config docker/gunicorn.conf.py --bind 0.0.0.0:8000 --workers ${WEB_CONCURRENCY:-3} --access-logfile -"]
