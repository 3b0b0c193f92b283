import io
import uuid
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.test import Client, override_settings
from django.utils import timezone, translation
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import Membership, Participant
from mandates.models import Indicator, IndicatorChoice, Mandate
from progress import services as progress_services
from progress.models import ProgressReport, ReportingCycle

from .factories import (
    MembershipFactory,
    ProgressReportFactory,
    UserFactory,
    make_contributor,
)


@pytest.fixture(autouse=True)
def _english_by_default():
    """A request leaves its language active in the thread; start in English."""
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def _plain_http(settings):
    """Tests talk plain HTTP to the test client.

    The live server's middleware is built once, before this runs: the browser
    conftest turns the HTTPS redirect off for it.
    """
    settings.SECURE_SSL_REDIRECT = False
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False
    # The hashed-name manifest exists only after collectstatic, which
    # test_collectstatic_builds_the_manifest runs as a deployment would.
    # Each test gets its own cache namespace in the real Redis, so counters such
    # as failed sign-ins never leak from one test into another.
    prefix = f"t{uuid.uuid4().hex}"
    settings.CACHES = {
        alias: {**config, "KEY_PREFIX": f"{prefix}-{alias}"}
        for alias, config in settings.CACHES.items()
    }
    # Most tests write inside a transaction that never commits, so the content
    # version would never change: the page cache is on only where asked for
    # (the page_cache fixture), in tests that commit or run on_commit hooks.
    settings.PAGE_CACHE_ENABLED = False
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {
            "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        },
    }


@pytest.fixture
def page_cache(settings):
    """The whole-page cache of public pages, on (common.pagecache)."""
    settings.PAGE_CACHE_ENABLED = True


@pytest.fixture(scope="session")
def _plain_http_server():
    """The live server answers plain HTTP instead of redirecting to HTTPS.

    SecurityMiddleware reads SECURE_SSL_REDIRECT once, when the server thread
    builds its handler, so the per-test `_plain_http` fixture comes too late.
    Here, for every test that uses the live server (browser tests, the API's
    schema fuzzing), whichever starts it first.
    """
    with override_settings(SECURE_SSL_REDIRECT=False):
        yield


@pytest.fixture(scope="session")
def live_server(_plain_http_server, live_server):
    return live_server


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


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


class SignInClient(Client):
    """force_login that also passes the second factor of people who set one up.

    force_login skips the password; this skips the code the same way, by
    marking the session verified by the person's authenticator, as
    django_otp.login does after a right code. People without one stay
    unverified, so the second-factor rules apply to them as in production.
    """

    def force_login(self, user, backend=None):
        super().force_login(user, backend)
        device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
        if device is not None:
            session = self.session
            session[DEVICE_ID_SESSION_KEY] = device.persistent_id
            session.save()


@pytest.fixture
def client():
    return SignInClient()


# --- Personas -------------------------------------------------------------------


@pytest.fixture
def participant(db):
    return Participant.objects.get(code="ARG")


@pytest.fixture
def other_participant(db):
    return Participant.objects.get(code="BRA")


@pytest.fixture
def focal(participant):
    """A focal point of the participant that owns the data."""
    return MembershipFactory(participant=participant).user


@pytest.fixture
def outsider(other_participant):
    """A focal point of another participant."""
    return MembershipFactory(participant=other_participant).user


@pytest.fixture
def observer(participant):
    """A member of the owning participant who may read but not write."""
    return MembershipFactory(
        participant=participant, role=Membership.Role.OBSERVER
    ).user


@pytest.fixture
def contributor(participant):
    """A contributor of the owning participant for mandates 40 (the `draft`'s)
    and 1, and no other: what a focal point's invitation makes."""
    return make_contributor(participant, [40, 1])


@pytest.fixture
def secretariat(db):
    return UserFactory(is_secretariat=True, full_name="Reviewer One")


@pytest.fixture
def secretariat2(db):
    return UserFactory(is_secretariat=True, full_name="Reviewer Two")


@pytest.fixture
def admin_client_for(db):
    """A function that gives a test client signed in to the admin as `user`.

    Each call gives a client of its own, so two people can hold the same change
    form. The admin accepts only sessions that passed the second factor: the
    person gets an authenticator if they have none, and the session is verified
    by it, as after a right code.
    """

    def signed_in(user):
        if not TOTPDevice.objects.filter(user=user, confirmed=True).exists():
            TOTPDevice.objects.create(user=user, name="Authenticator app")
        client = SignInClient()
        client.force_login(user)
        return client

    return signed_in


# --- Reporting data ---------------------------------------------------------------


@pytest.fixture
def cycle(db):
    today = timezone.localdate()
    return ReportingCycle.objects.create(
        name="Open cycle",
        opens_on=today - timedelta(days=30),
        due_on=today + timedelta(days=10),
        closes_on=today + timedelta(days=40),
    )


@pytest.fixture
def closed_cycle(db):
    today = timezone.localdate()
    return ReportingCycle.objects.create(
        name="Closed cycle",
        opens_on=today - timedelta(days=400),
        due_on=today - timedelta(days=300),
        closes_on=today - timedelta(days=250),
    )


@pytest.fixture
def mandate(db):
    """Mandate 40 with a known set of indicators, one of each kind."""
    mandate = Mandate.objects.get(number=40)
    mandate.indicators.update(is_active=False)
    specs = [
        ("T.1", Indicator.Kind.BOOLEAN, "Is a law in force?"),
        ("T.2", Indicator.Kind.NUMBER, "Requests received"),
        ("T.3", Indicator.Kind.PERCENTAGE, "Share answered on time"),
        ("T.4", Indicator.Kind.CHOICE, "How are judges selected?"),
        ("T.5", Indicator.Kind.TEXT, "Name of the law"),
    ]
    for position, (code, kind, label) in enumerate(specs):
        Indicator.objects.create(
            mandate=mandate,
            code=code,
            kind=kind,
            applies_to=Indicator.AppliesTo.BOTH,
            label_en=label,
            position=position,
        )
    choice_indicator = Indicator.objects.get(code="T.4")
    for value in ("merit", "appointment"):
        IndicatorChoice.objects.create(
            indicator=choice_indicator, value=value, label_en=value.title()
        )
    return mandate


COMPLETE_ANSWERS = {
    "T.1": "yes",
    "T.2": "120",
    "T.3": "87.5",
    "T.4": "merit",
    "T.5": "Law 27.275",
}


@pytest.fixture
def complete_answers():
    return dict(COMPLETE_ANSWERS)


@pytest.fixture
def draft(focal, participant, mandate, cycle):
    """A draft progress report of the participant on mandate 40, started by its
    focal point in the open cycle."""
    return progress_services.report_start(
        user=focal, participant=participant, mandate=mandate, cycle=cycle
    )[0]


@pytest.fixture
def submitted(focal, draft, complete_answers):
    """The draft, completed and submitted to the secretariat by its focal point."""
    report = progress_services.report_update(
        user=focal,
        report=draft,
        version=draft.version,
        content={"implementation_level": "advanced", "actions_taken": "Adopted a law."},
        indicators=complete_answers,
    )
    return progress_services.report_submit(
        user=focal, report=report, version=report.version
    )


@pytest.fixture
def publish(focal, secretariat, complete_answers):
    """Takes a draft through the whole workflow to publication.

    Its focal point completes and submits it; the secretariat validates and
    publishes it in one step, as the review page does.
    """

    def publish(report):
        report = progress_services.report_update(
            user=focal,
            report=report,
            version=report.version,
            content={"implementation_level": "completed", "actions_taken": "Done."},
            indicators=complete_answers,
        )
        report = progress_services.report_submit(
            user=focal, report=report, version=report.version
        )
        return progress_services.report_validate(
            user=secretariat, report=report, publish=True
        )

    return publish


# --- A real Celery worker ----------------------------------------------------------


@pytest.fixture
def live_worker(transactional_db):
    """A Celery worker in a thread of this process, on the configured Redis.

    The worker's thread opens its own database connections; they see only
    committed rows, hence transactional_db. They are closed after each task so
    that the test database can be flushed and dropped.
    """
    from celery.contrib.testing.worker import start_worker
    from celery.signals import task_postrun
    from django.db import connections

    from lima_portal.celery import app

    def close_connections(**kwargs):
        connections.close_all()

    task_postrun.connect(close_connections, weak=False)
    app.control.purge()  # leftovers of an earlier, interrupted run
    try:
        with start_worker(
            app, pool="solo", concurrency=1, perform_ping_check=False
        ) as worker:
            yield worker
    finally:
        task_postrun.disconnect(close_connections)


@pytest.fixture
def every_status(participant, other_participant, cycle, closed_cycle):
    """Reports in every status; only published ones may ever reach the public.

    Unpublished reports carry "UNPUBLISHED-<status>" in every text field and an
    indicator value, so a leak shows up in any format.
    """
    reports = {}
    published = ProgressReport.Status.PUBLISHED
    for number, status in enumerate(ProgressReport.Status.values, start=1):
        marker = f"UNPUBLISHED-{status}" if status != published else "public"
        reports[status] = ProgressReportFactory(
            participant=participant,
            mandate=Mandate.objects.get(number=number),
            cycle=cycle,
            status=status,
            implementation_level="completed" if status != "published" else "initial",
            actions_taken=f"Actions {marker}",
            assistance_type="training",
            assistance_description=f"Need {marker}",
            indicator_values={f"{number}.1": f"value {marker}"},
        )
    reports["other"] = ProgressReportFactory(
        participant=other_participant,
        mandate=Mandate.objects.get(number=1),
        cycle=closed_cycle,
        implementation_level="advanced",
    )
    return reports


@pytest.fixture
def make_need(cycle):
    """A progress report with a technical-assistance need."""

    def make(participant, mandate, *, status="published", text="", kind="training",
             language="en"):  # fmt: skip
        return ProgressReport.objects.create(
            participant=participant,
            mandate=mandate,
            cycle=cycle,
            status=status,
            published_at=timezone.now() if status == "published" else None,
            assistance_type=kind,
            assistance_description=text or "Training on asset declarations.",
            language=language,
        )

    return make
