from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, F, Q
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _
from rest_framework.authtoken.models import Token

from common.history import update_or_create_if_changed
from common.languages import per_language

from .addresses import normalise_email
from .models import Participant, PasswordResetRequest, User


@transaction.atomic
def participants_load(*, states: list[dict], jswg_entities: list[dict]) -> int:
    """Create or update the states and JSWG entities of the reference data.

    Rows that are already right are not saved again, so reloading adds nothing
    to their history.
    """
    for item in states:
        update_or_create_if_changed(
            Participant.objects,
            code=item["iso3"],
            values={
                "kind": Participant.Kind.STATE,
                **per_language("name", item["name"]),
            },
        )
    for item in jswg_entities:
        update_or_create_if_changed(
            Participant.objects,
            code=item["code"],
            values={
                "kind": Participant.Kind.JSWG,
                **per_language("name", item["name"]),
                **per_language("acronym", item.get("acronym")),
            },
        )
    return len(states) + len(jswg_entities)


SECRETARIAT_GROUP = "Secretariat"
# What the secretariat edits in the admin: reference data, indicators, cycles.
SECRETARIAT_PERMISSIONS = [
    ("mandates", "mandate", ["change"]),
    ("mandates", "section", ["change"]),
    ("mandates", "indicator", ["add", "change"]),
    ("mandates", "indicatorchoice", ["add", "change", "delete"]),
    ("progress", "reportingcycle", ["add", "change"]),
    ("progress", "progressreport", ["view"]),
]


@transaction.atomic
def secretariat_group_sync():
    """The group whose members may manage reference data in the admin."""
    group, _created = Group.objects.get_or_create(name=SECRETARIAT_GROUP)
    wanted = Q(pk__in=[])
    for app, model, actions in SECRETARIAT_PERMISSIONS:
        codenames = [f"{action}_{model}" for action in actions]
        wanted |= Q(content_type__app_label=app, codename__in=codenames)
    group.permissions.set(Permission.objects.filter(wanted))
    return group


@transaction.atomic
def secretariat_grant(*, user) -> None:
    user.is_secretariat = True
    user.is_staff = True
    user.save(update_fields=["is_secretariat", "is_staff"])
    user.groups.add(secretariat_group_sync())


PASSWORD_RESET_WINDOW = timedelta(hours=1)


@transaction.atomic
def password_reset_request_allowed(*, email: str, client_ip: str | None) -> bool:
    """Count a request for a reset email; False once the hour's allowance is spent.

    Per address (PASSWORD_RESETS_PER_ADDRESS) and per client address
    (PASSWORD_RESETS_PER_IP), whether or not the address has an account.
    Refused requests are not stored, so a flood cannot grow the table.
    """
    since = timezone.now() - PASSWORD_RESET_WINDOW
    PasswordResetRequest.objects.filter(requested_at__lt=since).delete()
    key = salted_hmac("password-reset", normalise_email(email)).hexdigest()
    counts = PasswordResetRequest.objects.aggregate(
        address=Count("pk", filter=Q(address_key=key)),
        network=Count("pk", filter=Q(client_ip=client_ip)),
    )
    if (
        counts["address"] >= settings.PASSWORD_RESETS_PER_ADDRESS
        or counts["network"] >= settings.PASSWORD_RESETS_PER_IP
    ):
        return False
    PasswordResetRequest.objects.create(address_key=key, client_ip=client_ip)
    return True


def user_reminders_set(*, user, enabled: bool) -> None:
    """Turn a person's reminders (or the secretariat's digest) on or off."""
    user.reminders_enabled = enabled
    user.save(update_fields=["reminders_enabled"])


def person_create(*, email: str, full_name: str, password: str, language: str) -> User:
    """An account for someone who accepted an invitation (the caller checked the
    password against the validators). A blank name, or an account with the
    address made meanwhile, is refused with a message for the person."""
    if not full_name.strip():
        raise ValidationError({"full_name": _("Say your name.")})
    try:
        with transaction.atomic():
            return User.objects.create_user(
                email=email,
                password=password,
                full_name=full_name.strip(),
                preferred_language=language,
            )
    except IntegrityError:  # an account with the address appeared meanwhile
        raise ValidationError(
            _("An account with this address exists: sign in, then open the link.")
        ) from None


@transaction.atomic
def user_sessions_end(*, user) -> None:
    """End every session of the person at its next request, on every web node,
    and make their API token stop working at once.

    Sessions live in the database and Django checks each one's auth hash on
    every request; raising the epoch changes that hash (User.session_epoch).
    """
    User.objects.filter(pk=user.pk).update(session_epoch=F("session_epoch") + 1)
    Token.objects.filter(user=user).delete()
