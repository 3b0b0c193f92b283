from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from common.forms import LengthLimitsShown, LongTextField
from common.uploads import MAX_BYTES as UPLOAD_MAX_BYTES
from mandates.models import Indicator

from .indicators import (
    DECIMALS,
    MAX_NUMBER_INPUT,
    MAX_TEXT,
    clean_value,
    number_bounds,
    shown_number,
)
from .models import (
    Evidence,
    ImplementationLevel,
    ProgressReport,
    ReportTransition,
    SupportType,
)

BLANK = [("", _("Not answered"))]
TEXTAREA = {"rows": 5}


def indicator_field_name(indicator: Indicator) -> str:
    return "indicator_" + indicator.code.replace(".", "_")


def indicator_initial(indicator: Indicator, value):
    if value is None:
        return ""
    if indicator.kind == Indicator.Kind.BOOLEAN:
        return "yes" if value else "no"
    return str(value)


def indicator_label(indicator: Indicator) -> str:
    """The question as the form asks it: with its unit, and "(optional)" when
    a report may be submitted without it."""
    label = indicator.label
    if indicator.kind == Indicator.Kind.PERCENTAGE:
        label = f"{label} (%)"
    if indicator.is_optional:
        label = _("%(label)s (optional)") % {"label": label}
    return label


def _number_rule(indicator: Indicator) -> str:
    low, high = number_bounds(indicator)
    return _("From %(min)s to %(max)s, with at most %(decimals)s decimals.") % {
        "min": shown_number(low),
        "max": shown_number(high),
        "decimals": DECIMALS,
    }


def _indicator_field(indicator: Indicator) -> forms.Field:
    common = {
        "label": indicator_label(indicator),
        "help_text": indicator.help_text,
        "required": False,
    }
    if indicator.kind == Indicator.Kind.BOOLEAN:
        choices = [("yes", _("Yes")), ("no", _("No"))]
        return forms.ChoiceField(
            choices=BLANK + choices, widget=forms.RadioSelect, **common
        )
    if indicator.kind == Indicator.Kind.CHOICE:
        choices = [(c.value, c.label) for c in indicator.choices.all()]
        return forms.ChoiceField(
            choices=BLANK + choices, widget=forms.RadioSelect, **common
        )
    if indicator.kind == Indicator.Kind.TEXT:
        return forms.CharField(max_length=MAX_TEXT, **common)
    attrs = {
        "inputmode": "decimal",
        "class": "input-number",
        "maxlength": MAX_NUMBER_INPUT,
    }
    rule = _number_rule(indicator)
    common["help_text"] = " ".join(filter(None, [str(indicator.help_text), rule]))
    return forms.CharField(widget=forms.TextInput(attrs=attrs), **common)


def _limit(model, name: str) -> int:
    return model._meta.get_field(name).max_length


def _long_text(name: str, label, **kwargs) -> LongTextField:
    """A textarea for one of the report's texts, limited as its model field."""
    return LongTextField(
        label=label,
        max_length=_limit(ProgressReport, name),
        widget=forms.Textarea(attrs=kwargs.pop("attrs", TEXTAREA)),
        required=False,
        **kwargs,
    )


class ReportForm(LengthLimitsShown, forms.Form):
    """A progress report's content and its indicator answers.

    Nothing here is required: a draft may be saved half-done at any time. What
    submission requires is said by selectors.report_missing.
    """

    version = forms.IntegerField(widget=forms.HiddenInput)
    implementation_level = forms.ChoiceField(
        label=_("Implementation level"),
        choices=BLANK + list(ImplementationLevel.choices),
        widget=forms.RadioSelect,
        required=False,
    )
    actions_taken = _long_text(
        "actions_taken",
        _("Actions taken"),
        help_text=_("Laws, policies, programmes or measures adopted in this cycle."),
    )
    results = _long_text("results", _("Results"))
    challenges = _long_text("challenges", _("Challenges"))
    next_steps = _long_text("next_steps", _("Next steps"))
    assistance_type = forms.ChoiceField(
        label=_("Type of technical assistance needed"),
        choices=[("", _("No assistance needed"))] + list(SupportType.choices),
        required=False,
    )
    assistance_description = _long_text(
        "assistance_description",
        _("Technical assistance needed"),
        help_text=_(
            "What help would advance this mandate? JSWG institutions and other "
            "states see it once the report is published."
        ),
        attrs={"rows": 3},
    )
    language = forms.ChoiceField(
        label=_("Language of the report"),
        choices=ProgressReport._meta.get_field("language").choices,
    )

    def __init__(self, *args, indicators=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.indicators = list(indicators)
        for indicator in self.indicators:
            self.fields[indicator_field_name(indicator)] = _indicator_field(indicator)

    @classmethod
    def initial_for(cls, report: ProgressReport, indicators) -> dict:
        initial = {
            field: getattr(report, field) for field in ProgressReport.CONTENT_FIELDS
        }
        initial["version"] = report.version
        for indicator in indicators:
            initial[indicator_field_name(indicator)] = indicator_initial(
                indicator, report.indicator_values.get(indicator.code)
            )
        return initial

    def clean(self):
        cleaned = super().clean()
        for indicator in self.indicators:
            name = indicator_field_name(indicator)
            try:
                clean_value(indicator, cleaned.get(name))
            except ValidationError as error:
                self.add_error(name, error)
        return cleaned

    def content(self) -> dict:
        return {
            field: self.cleaned_data[field] for field in ProgressReport.CONTENT_FIELDS
        }

    def indicator_answers(self) -> dict:
        return {
            indicator.code: self.cleaned_data.get(indicator_field_name(indicator))
            for indicator in self.indicators
        }

    def indicator_fields(self):
        return [self[indicator_field_name(i)] for i in self.indicators]


# The report form's id: the evidence fields and buttons, which stand after it
# on the page, belong to it (the HTML form attribute), so that adding or
# removing evidence sends, and saves, what the person typed in the report.
REPORT_FORM_ID = "report-form"


class EvidenceForm(LengthLimitsShown, forms.Form):
    """A file or link to add; with `form_id`, its fields belong to that form."""

    title = forms.CharField(label=_("Title"), max_length=_limit(Evidence, "title"))
    upload = forms.FileField(
        label=_("File"),
        required=False,
        help_text=format_lazy(
            _("PDF, Word, Excel, OpenDocument, PNG, JPEG, CSV or text; up to {} MB."),
            UPLOAD_MAX_BYTES // 1048576,
        ),
    )
    url = forms.URLField(label=_("Or a link"), required=False, assume_scheme="https")
    is_public = forms.BooleanField(
        label=_("Show this evidence with the published report"),
        required=False,
        initial=True,
    )

    def __init__(self, *args, form_id: str | None = None, **kwargs):
        # Ids of its own beside the report form's (the names stay title, ...).
        kwargs.setdefault("auto_id", "id_evidence_%s")
        super().__init__(*args, **kwargs)
        if form_id:
            for field in self.fields.values():
                field.widget.attrs["form"] = form_id

    @classmethod
    def posted(cls, request, *, form_id: str | None = None):
        """The evidence form as posted with the report form, or None when the
        person neither asked to add evidence nor filled any of its fields."""
        wanted = (
            "add_evidence" in request.POST
            or "upload" in request.FILES
            or any(request.POST.get(name, "").strip() for name in ("title", "url"))
        )
        if not wanted:
            return None
        return cls(request.POST, request.FILES, form_id=form_id)


COMMENT_LIMIT = _limit(ReportTransition, "comment")


class ReturnForm(LengthLimitsShown, forms.Form):
    comment = LongTextField(
        label=_("Comment for the focal point"),
        max_length=COMMENT_LIMIT,
        help_text=_("Say what needs to change. The focal point sees this comment."),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "required": _(
                "Say what needs to change: a returned report needs a comment."
            )
        },
    )


class ValidateForm(LengthLimitsShown, forms.Form):
    comment = LongTextField(
        label=_("Comment (optional)"),
        max_length=COMMENT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )
    publish = forms.BooleanField(label=_("Publish now"), required=False, initial=True)
