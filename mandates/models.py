from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class Section(models.Model):
    """One of the seven headings (A to G) of the Lima Commitment."""

    code = models.CharField(_("code"), max_length=1, unique=True)
    title = models.CharField(_("title"), max_length=300)

    class Meta:
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(code__regex=r"^[A-G]$"), name="section_code_a_to_g"
            ),
        ]

    def __str__(self) -> str:
        return section_label(self.code, self.title)


def section_label(code: str, title: str) -> str:
    """What Section.__str__ gives, from the code and the shown title."""
    return f"{code}. {title}"


def mandate_label(number: int, topic: str) -> str:
    """What Mandate.__str__ gives, from the number and the shown topic."""
    if topic:
        return f"{number}. {topic}"
    return gettext("Mandate %(number)s") % {"number": number}


class MandateQuerySet(models.QuerySet):
    def with_section(self):
        return self.select_related("section")

    def with_official_text(self):
        """Mandates whose official text is loaded in at least one language.

        Translation columns are NULL until set, and NULL > '' is not true.
        """
        has_text = models.Q()
        for code, _name in settings.LANGUAGES:
            has_text |= models.Q(**{f"text_{code}__gt": ""})
        return self.filter(has_text)


class Mandate(models.Model):
    """One of the 57 numbered mandates.

    `topic` is a short title written for the portal; `text` is the official
    wording, loaded per language by the secretariat. Until the official document
    is loaded, some mandates have neither a topic nor a section.
    """

    class Confidence(models.TextChoices):
        CONFIRMED = "confirmed", _("confirmed")
        HIGH = "high", _("high")
        MEDIUM = "medium", _("medium")
        LOW = "low", _("low")
        UNKNOWN = "unknown", _("unknown")

    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    section = models.ForeignKey(
        Section,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="mandates",
        verbose_name=_("section"),
    )
    topic = models.CharField(_("topic"), max_length=300, blank=True)
    topic_confidence = models.CharField(
        _("topic confidence"),
        max_length=10,
        choices=Confidence.choices,
        default=Confidence.UNKNOWN,
    )
    text = models.TextField(_("official text"), blank=True)

    objects = MandateQuerySet.as_manager()

    class Meta:
        verbose_name = _("mandate")
        verbose_name_plural = _("mandates")
        ordering = ["number"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(number__gte=1, number__lte=57),
                name="mandate_number_1_to_57",
            ),
        ]

    def __str__(self) -> str:
        """The mandate's one name, on every page: "13. Topic", or "Mandate 18"
        while its topic is not known (templates use the mandate_name tag)."""
        return mandate_label(self.number, self.topic)


class Indicator(models.Model):
    """A question a progress report answers for one mandate.

    `code` names the indicator in reports and exports, so it never changes once
    values exist; the secretariat may edit labels, help and choices.
    """

    class Kind(models.TextChoices):
        BOOLEAN = "boolean", _("Yes / no")
        NUMBER = "number", _("Number")
        PERCENTAGE = "percentage", _("Percentage")
        CHOICE = "choice", _("One of a list")
        TEXT = "text", _("Short text")

    class AppliesTo(models.TextChoices):
        STATES = "states", _("States")
        JSWG = "jswg", _("JSWG entities")
        BOTH = "both", _("States and JSWG entities")

    mandate = models.ForeignKey(
        Mandate,
        on_delete=models.CASCADE,
        related_name="indicators",
        verbose_name=_("mandate"),
    )
    code = models.CharField(_("code"), max_length=20, unique=True)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    applies_to = models.CharField(
        _("applies to"), max_length=8, choices=AppliesTo.choices
    )
    label = models.CharField(_("label"), max_length=300)
    help_text = models.TextField(_("help text"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    is_active = models.BooleanField(_("active"), default=True)
    # The rules of an answer (progress.indicators applies them; the shipped
    # file sets them, see mandates.services.indicators_load).
    is_optional = models.BooleanField(
        _("optional"),
        default=False,
        help_text=_("A report may be submitted without an answer to it."),
    )
    min_value = models.DecimalField(
        _("lowest value"),
        max_digits=15,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("For numbers and percentages: the lowest answer accepted."),
    )
    max_value = models.DecimalField(
        _("highest value"),
        max_digits=15,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("For numbers and percentages: the highest answer accepted."),
    )

    NUMERIC = (Kind.NUMBER, Kind.PERCENTAGE)

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["mandate__number", "position", "code"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(min_value__isnull=True)
                | models.Q(max_value__isnull=True)
                | models.Q(min_value__lte=models.F("max_value")),
                name="indicator_min_not_above_max",
                violation_error_message=_(
                    "The lowest value must not be above the highest."
                ),
            ),
            models.CheckConstraint(
                condition=models.Q(min_value__isnull=True) | models.Q(min_value__gte=0),
                name="indicator_min_not_negative",
                violation_error_message=_("The lowest value must be zero or more."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.label}"

    def clean(self):
        has_bounds = self.min_value is not None or self.max_value is not None
        if has_bounds and self.kind not in self.NUMERIC:
            raise ValidationError(
                _("Only numbers and percentages have a lowest and a highest value.")
            )
        if self.kind == self.Kind.PERCENTAGE and (self.max_value or 0) > 100:
            raise ValidationError({"max_value": _("A percentage is at most 100.")})

    def applies_to_kind(self, participant_kind: str) -> bool:
        if self.applies_to == self.AppliesTo.BOTH:
            return True
        return (self.applies_to == self.AppliesTo.STATES) == (
            participant_kind == "state"
        )


class IndicatorChoice(models.Model):
    indicator = models.ForeignKey(
        Indicator,
        on_delete=models.CASCADE,
        related_name="choices",
        verbose_name=_("indicator"),
    )
    value = models.SlugField(_("value"), max_length=40)
    label = models.CharField(_("label"), max_length=200)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("indicator choice")
        verbose_name_plural = _("indicator choices")
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "value"], name="indicator_choice_unique"
            ),
        ]

    def __str__(self) -> str:
        return self.label
