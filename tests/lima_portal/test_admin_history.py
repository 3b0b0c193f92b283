"""The admin keeps who changed what, and refuses a save based on a stale form.

Reference data, indicators, cycles, participants and memberships: two people
open the same change form, the first saves, the second's save is refused and
changes nothing.
"""

import io

import pytest
from django.contrib import admin
from django.contrib.admin.utils import flatten_fieldsets
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.forms import CheckboxInput

from accounts.models import Membership, Participant
from accounts.services import secretariat_grant
from common.admin import FINGERPRINT, HistoryAdmin, stored_columns
from common.history import BASELINE_REASON
from mandates.models import Indicator, IndicatorChoice, Mandate, Section
from progress.models import ReportingCycle
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

STALE = "after you opened this page. Nothing of yours was saved"


# force_login signs them in: no password to hash, which is slow on purpose.
def person(name: str, **flags):
    return UserFactory(full_name=name, password=None, **flags)


@pytest.fixture
def reviewers(db):
    """Two members of the secretariat, as they are set up for the admin."""
    users = person("Reviewer One"), person("Reviewer Two")
    for user in users:
        secretariat_grant(user=user)
    return users


@pytest.fixture
def administrators(db):
    return (
        person("Admin One", is_staff=True, is_superuser=True),
        person("Admin Two", is_staff=True, is_superuser=True),
    )


def change_url(obj) -> str:
    opts = obj._meta
    return f"/admin/{opts.app_label}/{opts.model_name}/{obj.pk}/change/"


def form_data(response) -> dict:
    """What the browser sends back when nothing is touched: every field shown."""
    data = {}
    forms = [response.context["adminform"].form]
    for inline in response.context.get("inline_admin_formsets", []):
        formset = inline.formset
        management = formset.management_form
        data.update(
            {management.add_prefix(k): v for k, v in management.initial.items()}
        )
        forms += formset.forms
    for form in forms:
        for name, field in form.fields.items():
            value = form[name].value()
            if isinstance(field.widget, CheckboxInput):
                if value:
                    data[form.add_prefix(name)] = "on"
            elif value is not None:
                data[form.add_prefix(name)] = value
    return data


def open_form(client, obj) -> dict:
    response = client.get(change_url(obj))
    assert response.status_code == 200
    return form_data(response)


# --- History --------------------------------------------------------------------------


def test_admin_edit_of_a_spanish_topic_is_kept_with_who_made_it(
    admin_client_for, reviewers
):
    reviewer = reviewers[0]
    mandate = Mandate.objects.get(number=2)
    before = mandate.topic_es
    client = admin_client_for(reviewer)
    data = open_form(client, mandate)
    data["topic_es"] = "Independencia judicial (texto revisado)"
    assert client.post(change_url(mandate), data).status_code == 302

    latest = mandate.history.latest()
    assert (latest.topic_es, latest.history_user) == (
        "Independencia judicial (texto revisado)",
        reviewer,
    )
    assert latest.prev_record.topic_es == before
    assert latest.topic_en == mandate.topic_en  # every language is kept
    page = client.get(f"/admin/mandates/mandate/{mandate.pk}/history/")
    text = page.content.decode()
    assert page.status_code == 200
    assert "Reviewer One" in text
    assert "Topic [es]:" in text and "(texto revisado)" in text
    assert "Official text" not in text  # empty before, empty after
    # The history pages of django-simple-history, in the portal's languages.
    spanish = client.get(page.request["PATH_INFO"], HTTP_ACCEPT_LANGUAGE="es")
    assert "Modificado por" in spanish.content.decode()


def test_every_edited_kind_of_record_keeps_a_history_with_its_user(
    admin_client_for, reviewers, administrators, mandate, cycle, focal
):
    """Sections, choices, cycles, participants and memberships too."""
    reviewer, admin = reviewers[0], administrators[0]
    choice = IndicatorChoice.objects.get(indicator__code="T.4", value="merit")
    edits = [
        (reviewer, Section.objects.get(code="A"), "title_fr", "Titre révisé"),
        (reviewer, choice, "label_en", "Revised choice"),
        (reviewer, choice.indicator, "label_pt", "Rótulo revisto"),
        (reviewer, cycle, "name", "Cycle renamed"),
        (admin, Participant.objects.get(code="ARG"), "acronym_en", "AR"),
        (admin, Membership.objects.get(user=focal), "role", "observer"),
    ]
    for user, obj, field, value in edits:
        client = admin_client_for(user)
        data = open_form(client, obj)
        data[field] = value
        assert client.post(change_url(obj), data).status_code == 302, obj
        latest = obj.history.latest()
        assert (getattr(latest, field), latest.history_user) == (value, user)
        history = client.get(change_url(obj).replace("/change/", "/history/"))
        assert str(user) in history.content.decode()


def test_a_choice_edited_with_its_indicator_keeps_who_changed_it(
    admin_client_for, reviewers, mandate
):
    indicator = Indicator.objects.get(code="T.4")
    client = admin_client_for(reviewers[1])
    data = open_form(client, indicator)
    assert data["choices-0-value"] == "merit"
    data["choices-0-label_es"] = "Por mérito"
    assert client.post(change_url(indicator), data).status_code == 302
    latest = IndicatorChoice.history.latest()
    assert (latest.value, latest.label_es, latest.history_user) == (
        "merit",
        "Por mérito",
        reviewers[1],
    )


def test_reloading_reference_data_adds_nothing_to_its_history():
    models = [Section, Mandate, Indicator, IndicatorChoice, Participant]
    before = [model.history.count() for model in models]
    call_command("load_reference", stdout=io.StringIO())
    assert [model.history.count() for model in models] == before


def test_focal_points_do_not_see_the_admin_history(client, focal):
    client.force_login(focal)
    response = client.get(f"/admin/mandates/mandate/{Mandate.objects.first().pk}/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


# --- Stale saves ----------------------------------------------------------------------


def _cases(cycle, focal) -> dict:
    """Who edits (a fixture), the record, the first edit, the second edit."""
    indicator = Indicator.objects.get(code="T.4")
    return {
        "indicator": (
            "reviewers",
            indicator,
            {"label_es": "¿Cómo se eligen?"},
            {"help_text_en": "Help"},
        ),
        # Only a choice changed: the second form still holds its old label.
        "indicator choice": (
            "reviewers",
            indicator,
            {"choices-0-label_en": "By merit"},
            {"label_en": "Selection of judges"},
        ),
        "cycle": (
            "reviewers",
            cycle,
            {"name": "Cycle 2027"},
            {"due_on": cycle.closes_on},
        ),
        "mandate": (
            "reviewers",
            Mandate.objects.get(number=7),
            {"topic_es": "Tema revisado"},
            {"topic_fr": "Sujet révisé"},
        ),
        "participant": (
            "administrators",
            Participant.objects.get(code="ARG"),
            {"name_fr": "République argentine"},
            {"acronym_en": "ARG"},
        ),
        # The second person changes nothing: the form they send back still
        # holds the old role, which would undo the first person's change.
        "membership": (
            "administrators",
            Membership.objects.get(user=focal),
            {"role": "observer"},
            {},
        ),
    }


@pytest.mark.parametrize(
    "case",
    ["indicator", "indicator choice", "cycle", "mandate", "participant", "membership"],
)
def test_stale_admin_save_is_refused_and_changes_nothing(
    case, request, admin_client_for, mandate, cycle, focal
):
    kind, obj, first_edit, second_edit = _cases(cycle, focal)[case]
    first_user, second_user = request.getfixturevalue(kind)
    first, second = admin_client_for(first_user), admin_client_for(second_user)
    first_form, second_form = open_form(first, obj), open_form(second, obj)
    saved = first.post(change_url(obj), {**first_form, **first_edit})
    assert saved.status_code == 302
    state = _stored(obj)

    refused = second.post(change_url(obj), {**second_form, **second_edit})

    assert refused.status_code == 200
    page = refused.content.decode()
    assert STALE in page and 'class="errornote"' in page
    assert _stored(obj) == state
    assert obj.history.latest().history_user == first_user


def _stored(obj):
    """The record's row and its choices, every language, as stored."""

    def rows(queryset):
        return list(queryset.order_by("pk").values(*stored_columns(queryset.model)))

    row = rows(type(obj)._base_manager.filter(pk=obj.pk))
    if isinstance(obj, Indicator):
        return row, rows(obj.choices.all())
    return row


def test_refusal_is_in_the_persons_language_and_a_reloaded_form_saves(
    admin_client_for, reviewers, cycle
):
    first, second = (admin_client_for(user) for user in reviewers)
    stale_form = open_form(second, cycle)
    first.post(change_url(cycle), {**open_form(first, cycle), "name": "Ciclo A"})

    refused = second.post(
        change_url(cycle), {**stale_form, "name": "Ciclo B"}, HTTP_ACCEPT_LANGUAGE="es"
    )
    assert "Otra persona modificó «Ciclo A»" in refused.content.decode()
    # Sending the refused form again is refused again: it still holds the old
    # fingerprint.
    again = second.post(change_url(cycle), form_data(refused))
    assert STALE in again.content.decode()
    cycle.refresh_from_db()
    assert cycle.name == "Ciclo A"

    reloaded = open_form(second, cycle)
    assert second.post(change_url(cycle), {**reloaded, "name": "Ciclo B"}).status_code
    cycle.refresh_from_db()
    assert cycle.name == "Ciclo B"
    assert [r.history_user for r in cycle.history.all()[:2]] == list(
        reversed(reviewers)
    )


def test_reverting_to_an_earlier_version_is_refused_when_stale(
    admin_client_for, reviewers
):
    mandate = Mandate.objects.get(number=9)
    first, second = (admin_client_for(user) for user in reviewers)
    first.post(change_url(mandate), {**open_form(first, mandate), "topic_en": "One"})
    earlier = mandate.history.latest()
    revert_url = f"/admin/mandates/mandate/{mandate.pk}/history/{earlier.pk}/"
    revert_form = form_data(second.get(revert_url))
    first.post(change_url(mandate), {**open_form(first, mandate), "topic_en": "Two"})

    refused = second.post(revert_url, revert_form)
    assert STALE in refused.content.decode()
    mandate.refresh_from_db()
    assert mandate.topic_en == "Two"

    reverted = second.post(revert_url, form_data(second.get(revert_url)))
    assert reverted.status_code == 302
    mandate.refresh_from_db()
    assert mandate.topic_en == "One"


# --- Records older than their history -------------------------------------------------

BEFORE_HISTORY = [
    ("accounts", "0001_initial"),
    ("mandates", "0002_indicator_indicatorchoice"),
    ("progress", "0007_assistance_needs_words"),
]


@pytest.mark.django_db(transaction=True)
def test_records_older_than_their_history_get_a_first_entry(reference_data, cycle):
    """So that the first change made in the admin can be compared with something."""
    MigrationExecutor(connection).migrate(BEFORE_HISTORY)
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    mandate = Mandate.objects.get(number=2)
    first = mandate.history.get()
    assert (first.history_type, first.history_user, first.history_change_reason) == (
        "+",
        None,
        BASELINE_REASON,
    )
    assert (first.topic_es, first.section_id) == (mandate.topic_es, mandate.section_id)
    for model in (Section, Mandate, Indicator, IndicatorChoice, Participant):
        assert model.history.count() == model.objects.count() > 0, model
    assert cycle.history.get().name == cycle.name


def test_an_admin_with_declared_fieldsets_still_sends_the_fingerprint(rf, cycle):
    declared = type(
        "CycleAdmin",
        (HistoryAdmin,),
        {"fieldsets": [(None, {"fields": ["name", "opens_on"]})]},
    )(ReportingCycle, admin.site)
    request = rf.get("/")
    request.user = person("Admin", is_staff=True, is_superuser=True)
    shown = flatten_fieldsets(declared.get_fieldsets(request, cycle))
    assert shown == ["name", "opens_on", FINGERPRINT]
    form = declared.get_form(request, cycle, fields=shown)()
    assert form[FINGERPRINT].value() == declared.record_fingerprint(request, cycle)
