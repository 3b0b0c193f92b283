"""Good practices, regional capacities and the cooperation matched between them.

A good practice and a regional capacity share one table, `Contribution` (what
a participant contributes to the public database): title, summary,
description, participant, mandates, language, workflow state and search
vector. Each kind keeps its own fields in a child table (Django's multi-table
inheritance). One table is what lets a single search rank both kinds together,
count facets in one query each and paginate without merging two result lists.

    draft --submit--> submitted --publish--> published
                          |
                          +------decline-----> declined (with a reason)

Focal points edit their participant's contributions until they are published;
only the secretariat publishes or declines.
"""

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from accounts.models import Participant
from common.models import Audited, FileOrLink, Tracked
from mandates.models import Mandate
from progress.models import LONG_TEXT, ProgressReport, SupportType


class TitleVector(models.Func):
    """The part of a stored search vector that comes from the title (weight A)."""

    function = "ts_filter"
    template = "%(function)s(%(expressions)s, '{a}')"
    output_field = SearchVectorField()


# PostgreSQL's built-in text-search configuration for each interface language.
SEARCH_CONFIGS = {"en": "english", "es": "spanish", "pt": "portuguese", "fr": "french"}


class ContributionQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Contribution.Status.PUBLISHED)

    def practices(self):
        return self.filter(kind=Contribution.Kind.PRACTICE)

    def capacities(self):
        return self.filter(kind=Contribution.Kind.CAPACITY)


class Contribution(Audited):
    """What a participant shares in the public database: a practice or a capacity."""

    class Kind(models.TextChoices):
        PRACTICE = "practice", _("Good practice")
        CAPACITY = "capacity", _("Regional capacity")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        PUBLISHED = "published", _("Published")
        DECLINED = "declined", _("Declined")

    # Until it is published, the participant's focal points may still change it.
    EDITABLE = (Status.DRAFT, Status.SUBMITTED, Status.DECLINED)
    # What its authors write, whatever the kind; each kind adds its own below.
    TEXT_FIELDS = ("title", "summary", "description")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    participant = models.ForeignKey(
        Participant,
        on_delete=models.PROTECT,
        related_name="contributions",
        verbose_name=_("participant"),
    )
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(
        _("summary"),
        max_length=800,
        help_text=_("Two or three sentences shown in search results."),
    )
    description = models.TextField(_("full description"), max_length=20_000)
    mandates = models.ManyToManyField(
        Mandate,
        related_name="contributions",
        verbose_name=_("mandates"),
        help_text=_("The mandates of the Lima Commitment this serves."),
    )
    language = models.CharField(
        _("language it is written in"),
        max_length=5,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    decline_reason = models.TextField(
        _("reason for declining"), max_length=2000, blank=True
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("submitted by"),
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    # Built by good_practices.search from accent-folded text with the
    # configuration of `language`; never edited by hand.
    search_vector = SearchVectorField(null=True, editable=False)

    objects = ContributionQuerySet.as_manager()

    class Meta:
        verbose_name = _("contribution")
        verbose_name_plural = _("contributions")
        ordering = ["-published_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(status="published") & Q(published_at__isnull=False))
                | (~Q(status="published") & Q(published_at__isnull=True)),
                name="contribution_published_at_iff_published",
            ),
            models.CheckConstraint(
                condition=~Q(status="declined") | ~Q(decline_reason=""),
                name="contribution_decline_needs_reason",
                violation_error_message=_("Say why the contribution is declined."),
            ),
            models.CheckConstraint(
                condition=Q(language__in=list(SEARCH_CONFIGS)),
                name="contribution_language_known",
            ),
        ]
        indexes = [
            # The public search only ever looks at published records, each with
            # the configuration of its own language: one partial index each.
            *(
                GinIndex(
                    fields=["search_vector"],
                    condition=Q(status="published", language=code),
                    name=f"contribution_search_{code}",
                )
                for code in SEARCH_CONFIGS
            ),
            # The words of the title alone (weight A), for the best-ranked
            # candidates of a search with many matches (search/bounded.py).
            *(
                GinIndex(
                    TitleVector("search_vector"),
                    condition=Q(status="published", language=code),
                    name=f"contribution_title_{code}",
                )
                for code in SEARCH_CONFIGS
            ),
            models.Index(
                fields=["-published_at", "-id"],
                condition=Q(status="published"),
                name="contribution_newest",
            ),
            models.Index(fields=["participant", "status"]),
            models.Index(fields=["status", "submitted_at"]),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        name = "practice_detail" if self.is_practice else "capacity_detail"
        return reverse(f"good_practices:{name}", kwargs={"pk": self.pk})

    @property
    def is_editable_status(self) -> bool:
        return self.status in self.EDITABLE

    @property
    def is_practice(self) -> bool:
        return self.kind == self.Kind.PRACTICE

    @property
    def specific(self) -> "GoodPractice | RegionalCapacity":
        """This record as its own kind, with the fields only that kind has."""
        if type(self) is not Contribution:
            return self
        return self.goodpractice if self.is_practice else self.regionalcapacity


class GoodPractice(Contribution):
    """Something a participant did against corruption that worked."""

    # What a focal point writes: the form, the service and the API use this list.
    CONTENT_FIELDS = (
        *Contribution.TEXT_FIELDS,
        "institution",
        "start_year",
        "end_year",
        "results",
        "contact_name",
        "contact_email",
        "language",
    )

    institution = models.CharField(_("institution that carried it out"), max_length=200)
    start_year = models.PositiveSmallIntegerField(_("first year"))
    end_year = models.PositiveSmallIntegerField(
        _("last year"),
        null=True,
        blank=True,
        help_text=_("Leave empty if the practice is still running."),
    )
    results = models.TextField(
        _("results and evidence of impact"),
        max_length=LONG_TEXT,
        help_text=_("What changed, and how do you know? Figures, evaluations, audits."),
    )
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)

    class Meta:
        verbose_name = _("good practice")
        verbose_name_plural = _("good practices")
        constraints = [
            models.CheckConstraint(
                condition=Q(start_year__gte=1990, start_year__lte=2100),
                name="practice_start_year_plausible",
                violation_error_message=_("Give a first year from 1990 on."),
            ),
            models.CheckConstraint(
                condition=Q(end_year__isnull=True)
                | Q(end_year__gte=models.F("start_year")),
                name="practice_period_in_order",
                violation_error_message=_(
                    "The last year cannot come before the first year."
                ),
            ),
        ]

    def save(self, *args, **kwargs):
        self.kind = Contribution.Kind.PRACTICE
        super().save(*args, **kwargs)


class Subregion(models.TextChoices):
    AMERICAS = "americas", _("The whole hemisphere")
    NORTH_AMERICA = "north_america", _("North America")
    CENTRAL_AMERICA = "central_america", _("Central America")
    CARIBBEAN = "caribbean", _("The Caribbean")
    ANDEAN = "andean", _("Andean region")
    SOUTHERN_CONE = "southern_cone", _("Southern Cone")


class RegionalCapacity(Contribution):
    """Support that a JSWG entity (or a state) offers to others."""

    # What a focal point writes (the countries covered are a relation apart).
    CONTENT_FIELDS = (
        *Contribution.TEXT_FIELDS,
        "support_type",
        "subregions",
        "languages_offered",
        "how_to_request",
        "contact_email",
        "language",
    )

    support_type = models.CharField(
        _("type of support"), max_length=24, choices=SupportType.choices
    )
    subregions = ArrayField(
        models.CharField(max_length=20, choices=Subregion.choices),
        verbose_name=_("sub-regions covered"),
        default=list,
        blank=True,
    )
    countries = models.ManyToManyField(
        Participant,
        related_name="capacities_covering",
        verbose_name=_("countries covered"),
        blank=True,
    )
    languages_offered = ArrayField(
        models.CharField(max_length=5, choices=settings.LANGUAGES),
        verbose_name=_("languages in which it is offered"),
        default=list,
    )
    how_to_request = models.TextField(_("how to request it"), max_length=3000)
    contact_email = models.EmailField(_("contact email"), blank=True)

    class Meta:
        verbose_name = _("regional capacity")
        verbose_name_plural = _("regional capacities")

    def save(self, *args, **kwargs):
        self.kind = Contribution.Kind.CAPACITY
        super().save(*args, **kwargs)


def attachment_path(instance: "PracticeAttachment", filename: str) -> str:
    return f"good_practices/{instance.practice_id}/{filename}"


class PracticeAttachment(FileOrLink):
    """A file or a link that documents a good practice."""

    practice = models.ForeignKey(
        GoodPractice,
        on_delete=models.CASCADE,
        related_name="attachments",
        verbose_name=_("good practice"),
    )
    file = models.FileField(_("file"), upload_to=attachment_path, blank=True)

    class Meta(FileOrLink.Meta):
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")


class CooperationInitiative(Tracked):
    """The secretariat's record that a capacity is meeting a need of a report."""

    class Status(models.TextChoices):
        # A context of their own: in Spanish, Portuguese and French the words
        # agree with "initiative" (feminine), not with an implementation level.
        PROPOSED = "proposed", pgettext_lazy("initiative", "Proposed")
        AGREED = "agreed", pgettext_lazy("initiative", "Agreed")
        IN_PROGRESS = "in_progress", pgettext_lazy("initiative", "In progress")
        COMPLETED = "completed", pgettext_lazy("initiative", "Completed")
        CANCELLED = "cancelled", pgettext_lazy("initiative", "Cancelled")

    # A need with one of these is being met, so it is no longer open.
    MEETING_NEED = (Status.AGREED, Status.IN_PROGRESS, Status.COMPLETED)

    need = models.ForeignKey(
        ProgressReport,
        on_delete=models.PROTECT,
        related_name="cooperation_initiatives",
        verbose_name=_("need"),
    )
    capacity = models.ForeignKey(
        RegionalCapacity,
        on_delete=models.PROTECT,
        related_name="initiatives",
        verbose_name=_("capacity"),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PROPOSED
    )
    note = models.TextField(_("note"), max_length=2000, blank=True)

    class Meta:
        verbose_name = _("cooperation initiative")
        verbose_name_plural = _("cooperation initiatives")
        ordering = ["-updated_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["need", "capacity"], name="one_initiative_per_need_capacity"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.need} ↔ {self.capacity}"
