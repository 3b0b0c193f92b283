"""Published civil-society observations and their replies as open data: the
filters shared by the downloads and /api/v1/observations/, and the two
datasets. Everything reads through civil_society.public: published only."""

import django_filters
from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.models import Participant
from civil_society import public
from civil_society.models import Observation, Organisation
from common.exports import Column, Table
from mandates.models import Mandate
from progress import export_columns as shared
from progress.models import ReportingCycle

CHUNK = 2000


def published_observations():
    """Published observations with the official level of the report beside
    them, in the order of every public file and of the API."""
    return public.with_official_level(public.published())


class ObservationFilter(django_filters.FilterSet):
    cycle = django_filters.ModelChoiceFilter(
        queryset=ReportingCycle.objects.all(), label=_("Cycle")
    )
    participant = django_filters.ModelChoiceFilter(
        queryset=Participant.objects.all(),
        to_field_name="code",
        label=_("Participant"),
    )
    mandate = django_filters.ModelChoiceFilter(
        queryset=Mandate.objects.order_by("number"),
        to_field_name="number",
        label=_("Mandate"),
    )
    organisation = django_filters.ModelChoiceFilter(
        # Only approved organisations ever have published observations.
        queryset=Organisation.objects.filter(status=Organisation.Status.APPROVED),
        label=_("Organisation"),
    )

    class Meta:
        model = Observation
        fields: list[str] = []


ORGANISATION_ID = Column(
    "organisation_id", _("Organisation"), _("Id of the organisation."), "integer"
)
ORGANISATION_NAME = Column(
    "organisation_name",
    _("Organisation name"),
    _("Name of the civil-society organisation that wrote the observation."),
)
OBSERVATION_ID = Column(
    "observation_id",
    _("Observation"),
    _("Id of the observation, stable across downloads."),
    "integer",
)

OBSERVATION_COLUMNS = [
    OBSERVATION_ID,
    shared.CYCLE,
    shared.PARTICIPANT_CODE,
    shared.PARTICIPANT_NAME,
    shared.MANDATE_NUMBER,
    shared.SECTION,
    ORGANISATION_ID,
    ORGANISATION_NAME,
    Column(
        "organisation_website",
        _("Organisation website"),
        _("The organisation's own website."),
    ),
    Column(
        "assessment",
        _("Assessment"),
        _(
            "The organisation's own assessment on the implementation scale: "
            "not_started, initial, in_progress, advanced, completed, "
            "not_applicable, or cannot_assess."
        ),
    ),
    Column(
        "official_level",
        _("Official implementation level"),
        _(
            "The implementation level of the participant's published report on "
            "the same mandate and cycle; empty if none is published."
        ),
    ),
    Column(
        "different_views",
        _("Different views"),
        _(
            "true when the assessment is two levels or more away from the "
            "official level; never for not_applicable or cannot_assess."
        ),
        "boolean",
    ),
    Column(
        "text",
        _("Observation"),
        _("What the organisation observed, and its sources, in its own words."),
    ),
    Column("language", _("Language"), _("Language the observation is written in.")),
    Column(
        "published_at",
        _("Published"),
        _("When the secretariat published the observation (UTC)."),
        "datetime",
    ),
    Column(
        "has_reply",
        _("Replied"),
        _("true when the participant replied (see the replies dataset)."),
        "boolean",
    ),
    Column(
        "url",
        _("Page"),
        _("Full address of the report's page, where the observation is shown."),
        "string",
    ),
]

REPLY_COLUMNS = [
    OBSERVATION_ID,
    shared.CYCLE,
    shared.PARTICIPANT_CODE,
    shared.MANDATE_NUMBER,
    ORGANISATION_NAME,
    Column(
        "text",
        _("Reply"),
        _("The participant's reply to the observation, by its focal points."),
    ),
    Column("language", _("Language"), _("Language the reply is written in.")),
    Column(
        "replied_at",
        _("Replied"),
        _("When the reply was first posted (UTC)."),
        "datetime",
    ),
    Column(
        "updated_at",
        _("Last changed"),
        _("When the reply was last changed (UTC)."),
        "datetime",
    ),
    Column("version", _("Version"), _("1, then one more at each change."), "integer"),
]


def _report_page() -> str:
    """The report pages' address, with {} for the report's id."""
    page = reverse("progress:report_detail", args=[0]).rsplit("0", 1)
    return settings.PORTAL_URL + "{}".join(page)


def _observation_rows(observations):
    page = _report_page()
    for o in observations.iterator(chunk_size=CHUNK):
        yield {
            "observation_id": o.pk,
            "cycle": o.cycle.name,
            "participant_code": o.participant.code,
            "participant_name": o.participant.name,
            "mandate_number": o.mandate.number,
            "section": o.mandate.section.code if o.mandate.section else "",
            "organisation_id": o.organisation_id,
            "organisation_name": o.organisation.name,
            "organisation_website": o.organisation.website,
            "assessment": o.assessment,
            "official_level": o.official_level or "",
            "different_views": public.views_differ(o.official_level, o.assessment),
            "text": o.text,
            "language": o.language,
            "published_at": o.published_at,
            "has_reply": getattr(o, "reply", None) is not None,
            "url": page.format(o.official_report_id) if o.official_report_id else "",
        }


def _reply_rows(replies):
    for r in replies.iterator(chunk_size=CHUNK):
        o = r.observation
        yield {
            "observation_id": o.pk,
            "cycle": o.cycle.name,
            "participant_code": o.participant.code,
            "mandate_number": o.mandate.number,
            "organisation_name": o.organisation.name,
            "text": r.text,
            "language": r.language,
            "replied_at": r.created_at,
            "updated_at": r.updated_at,
            "version": r.version,
        }


class ObservationDataset:
    """Like datasets.Dataset, over published observations; small enough to be
    made at each download, in every format (no stored XLSX file)."""

    def __init__(self, key, title, description, columns):
        self.key, self.title = key, title
        self.description, self.columns = description, columns

    def table(self, observations=None) -> Table:
        if observations is None:
            observations = published_observations()
        if self.key == "observations":
            rows, count = _observation_rows(observations), observations.count
        else:
            replies = public.published_replies().filter(observation__in=observations)
            rows, count = _reply_rows(replies), replies.count
        return Table(
            name=self.key,
            title=self.title,
            columns=self.columns,
            rows=rows,
            count=count,
        )


OBSERVATION_DATASETS = {
    "observations": ObservationDataset(
        "observations",
        _("Civil-society observations"),
        _(
            "One row per published observation: an independent civil-society "
            "organisation's view of a participant's progress on a mandate in a "
            "cycle, beside the official implementation level."
        ),
        OBSERVATION_COLUMNS,
    ),
    "observation-replies": ObservationDataset(
        "observation-replies",
        _("Replies to observations"),
        _("One row per reply of a participant to a published observation."),
        REPLY_COLUMNS,
    ),
}
