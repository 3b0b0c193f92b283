from django.conf import settings
from django.contrib.auth.models import (
    AbstractBaseUser,
    BaseUserManager,
    PermissionsMixin,
)
from django.db import models
from django.db.models import F, Value
from django.db.models.functions import Coalesce, Lower, NullIf
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from common.languages import active_language
from common.text import folded_sql

from .addresses import normalise_email


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=normalise_email(email), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email: str, password: str | None = None, **extra):
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra)

    def get_by_natural_key(self, username):
        # Addresses are stored normalised, so the lookup is an exact match on the
        # same key that the lock-out counts under: no second opinion from the
        # database's own case folding.
        return self.get(email=normalise_email(username))


class User(AbstractBaseUser, PermissionsMixin):
    """A person who signs in with an email address."""

    email = models.EmailField(_("email address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=200, blank=True)
    is_staff = models.BooleanField(
        _("administrator"),
        default=False,
        help_text=_("May sign in to the Django admin."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    is_secretariat = models.BooleanField(
        _("secretariat"),
        default=False,
        help_text=_("Reviews reports and runs reporting cycles for all participants."),
    )
    preferred_language = models.CharField(
        _("preferred language"),
        max_length=5,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
    )
    reminders_enabled = models.BooleanField(
        _("email reminders"),
        default=True,
        help_text=_(
            "Reminders of due reports for focal points; the daily digest of "
            "reports waiting for review for the secretariat."
        ),
    )
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)
    # Raised to end every session of the person at its next request (see
    # _get_session_auth_hash): when a focal point revokes a contributor.
    session_epoch = models.PositiveIntegerField(default=0, editable=False)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.UniqueConstraint(Lower("email"), name="user_email_ci_unique"),
        ]

    def __str__(self) -> str:
        return self.full_name or self.email

    @classmethod
    def normalize_username(cls, username):
        # AbstractBaseUser.clean() calls this, so the admin's forms store the
        # address as sign-in will look it up.
        return normalise_email(username)

    def get_full_name(self) -> str:
        return self.full_name or self.email

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email

    def _get_session_auth_hash(self, secret=None):
        """Django's hash of the password, with the session epoch mixed in.

        Django compares a session's stored hash with this one on every request
        and ends the session when they differ, as after a password change. At
        epoch 0 the hash is Django's own, so sessions opened before the epoch
        existed stay valid.
        """
        if not self.session_epoch:
            return super()._get_session_auth_hash(secret=secret)
        key_salt = "accounts.User.session_epoch"
        value = f"{self.password}\x00{self.session_epoch}"
        return salted_hmac(
            key_salt, value, secret=secret, algorithm="sha256"
        ).hexdigest()


def name_sort_key(prefix: str = ""):
    """A participant's name in the active language (English where it has none),
    folded: what people sort a list of states by. `prefix` reaches it through
    a relation, as in "participant__". PostgreSQL keeps it in a column per
    language (Participant.sort_name_<code>)."""
    return F(f"{prefix}sort_name_{active_language()}")


def _sort_name(code: str) -> models.GeneratedField:
    """The name in language `code`, English where it has none, folded
    (common.text.folded_sql): kept by PostgreSQL, so that sorting a list of
    participants folds no name at query time."""
    localized = F(f"name_{code}")
    english = F(f"name_{settings.LANGUAGE_CODE}")
    return models.GeneratedField(
        expression=folded_sql(
            Coalesce(
                NullIf(localized, Value("")), english, output_field=models.CharField()
            )
        ),
        output_field=models.TextField(),
        db_persist=True,
        editable=False,
    )


class ParticipantQuerySet(models.QuerySet):
    def by_name(self):
        """States first, then JSWG entities, each by name, accents aside."""
        return self.order_by("-kind", name_sort_key(), "code")

    def states(self):
        return self.filter(kind=Participant.Kind.STATE)

    def jswg_entities(self):
        return self.filter(kind=Participant.Kind.JSWG)


class Participant(models.Model):
    """A state of the Summits process or an entity of the JSWG."""

    class Kind(models.TextChoices):
        STATE = "state", _("State")
        JSWG = "jswg", _("JSWG entity")

    code = models.CharField(
        _("code"),
        max_length=12,
        unique=True,
        help_text=_("ISO 3166 alpha-3 code of a state, or the entity's code."),
    )
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=200)
    acronym = models.CharField(_("acronym"), max_length=20, blank=True)
    # One per language of settings.LANGUAGES (name_sort_key reads them).
    sort_name_en = _sort_name("en")
    sort_name_es = _sort_name("es")
    sort_name_pt = _sort_name("pt")
    sort_name_fr = _sort_name("fr")

    objects = ParticipantQuerySet.as_manager()

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        ordering = ["kind", "name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(code__regex=r"^[A-Z]{2,12}$"),
                name="participant_code_upper",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_state(self) -> bool:
        return self.kind == self.Kind.STATE


class Membership(models.Model):
    """Makes a user a focal point, a read-only observer, or a contributor of a
    participant. A contributor drafts only the mandates a focal point gave them
    (progress.ContributorMandate: accounts does not know mandates)."""

    class Role(models.TextChoices):
        FOCAL_POINT = "focal_point", _("Focal point")
        OBSERVER = "observer", _("Observer (read only)")
        CONTRIBUTOR = "contributor", _("Contributor (chosen mandates)")

    # Roles that see all of the participant's unpublished work.
    WHOLE_PARTICIPANT = (Role.FOCAL_POINT, Role.OBSERVER)

    user = models.ForeignKey(
        User,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("user"),
    )
    participant = models.ForeignKey(
        Participant,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("participant"),
    )
    role = models.CharField(
        _("role"), max_length=16, choices=Role.choices, default=Role.FOCAL_POINT
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "participant"], name="membership_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.participant} ({self.get_role_display()})"


class PasswordResetRequest(models.Model):
    """One request for a reset email, kept for the hour the limits look back on.

    The address is kept as a keyed hash: enough to count requests per address,
    without a list of every address anyone typed.
    """

    address_key = models.CharField(max_length=64, db_index=True)
    client_ip = models.GenericIPAddressField(null=True, db_index=True)
    requested_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("password reset request")
        verbose_name_plural = _("password reset requests")

    def __str__(self) -> str:
        return f"{self.client_ip} {self.requested_at:%Y-%m-%d %H:%M}"
