import io

import pytest
from django.core.management import call_command


@pytest.fixture(autouse=True)
def _plain_http(settings):
    """Tests talk plain HTTP to the test client and the live server."""
    settings.SECURE_SSL_REDIRECT = False
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False
    # The hashed-name manifest exists only after collectstatic, which
    # test_collectstatic_builds_the_manifest runs as a deployment would.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {
            "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        },
    }


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Every test database starts with the shipped reference data.

    Transactional tests (browser tests) flush the database afterwards, and
    pytest-django runs them last; they load what they need themselves.
    """
    with django_db_blocker.unblock():
        call_command("load_reference", stdout=io.StringIO())


@pytest.fixture
def reference_data(transactional_db):
    call_command("load_reference", stdout=io.StringIO())
