"""Columns that several exports share, described once for the data dictionary."""

from dataclasses import replace

from django.utils.translation import gettext_lazy as _

from accounts.models import Participant
from common.exports import Column

from .models import ImplementationLevel

# Code -> words, for the columns whose XLSX shows words (common.exports.Column).
LEVEL_WORDS = dict(ImplementationLevel.choices)

REPORT_ID = Column(
    "report_id",
    _("Report"),
    _("Number of the progress report; its page is /reports/<number>/."),
    "integer",
)
CYCLE = Column("cycle", _("Cycle"), _("Name of the reporting cycle."))
CYCLE_DUE_ON = Column(
    "cycle_due_on",
    _("Due date"),
    _("Date by which participants were asked to submit their reports."),
    "date",
)
PARTICIPANT_CODE = Column(
    "participant_code",
    _("Participant code"),
    _("ISO 3166 alpha-3 code of a state, or the code of a JSWG entity."),
)
PARTICIPANT_NAME = Column(
    "participant_name",
    _("Participant"),
    _("Name of the state or JSWG entity, in the language of the download."),
)
PARTICIPANT_KIND = Column(
    "participant_kind",
    _("Kind of participant"),
    _("“state” for a state of the Summits process, “jswg” for a JSWG entity."),
)
# The matrices' kind of participant: words in XLSX, the codes beside them.
PARTICIPANT_KIND_IN_WORDS = replace(
    PARTICIPANT_KIND, choices=dict(Participant.Kind.choices)
)
MANDATE_NUMBER = Column(
    "mandate_number",
    _("Mandate"),
    _("Number of the mandate of the Lima Commitment, from 1 to 57."),
    "integer",
)
SECTION = Column(
    "section",
    _("Section"),
    _("Letter (A to G) of the mandate's section; empty while not yet known."),
)
STATUS = Column(
    "status",
    _("Status"),
    _(
        "Where the report is in the workflow: draft, submitted, returned, "
        "validated or published."
    ),
)
IMPLEMENTATION_LEVEL = Column(
    "implementation_level",
    _("Implementation level"),
    _(
        "not_started, initial, in_progress, advanced, completed or "
        "not_applicable; empty if the report does not say."
    ),
)
ASSISTANCE_TYPE = Column(
    "assistance_type",
    _("Type of assistance needed"),
    _(
        "training, technical_assistance, tools, funding or expert_exchange; "
        "empty if none was asked for."
    ),
)
ASSISTANCE_DESCRIPTION = Column(
    "assistance_description",
    _("Technical assistance needed"),
    _("The help that the participant says would advance the mandate."),
)
LANGUAGE = Column(
    "language",
    _("Language"),
    _("Language the report was written in: en, es, pt or fr."),
)

INDICATOR_TYPES = {
    "boolean": "boolean",
    "number": "number",
    "percentage": "number",
    "choice": "string",
    "text": "string",
}
