"""What the public sees, and the signals that invalidate the page cache.

Every save or delete of a record that public pages or the public API show calls
common.pagecache.public_content_changed(), which changes the published-content
version once the transaction commits.

Signals on the models rather than calls in each service, because one list
covers every way in: the services, load_reference, a shell. The Django admin is
covered by its site (accounts.admin_site): any POST to it changes the version,
whatever it wrote, even records not in this list and bulk deletes. Bulk writes
send no signal: the one that makes public content (the demo data) calls the
function itself.

A progress report counts only once validated or published: a focal point's
drafts change nothing the public sees, and saving one must not empty the cache.
"""

from django.db.models.signals import post_delete, post_save

from accounts.models import Participant
from civil_society.models import Observation, ObservationDocument, Organisation, Reply
from common.pagecache import public_content_changed
from good_practices.models import (
    Contribution,
    CooperationInitiative,
    PracticeAttachment,
)
from mandates.models import Indicator, IndicatorChoice, Mandate, Section
from progress.models import ProgressReport, ReportingCycle

ALWAYS_PUBLIC = (
    Section,
    Mandate,
    Indicator,
    IndicatorChoice,
    Participant,
    ReportingCycle,
    Contribution,  # good practices and capacities, whatever their status
    PracticeAttachment,
    CooperationInitiative,
    # Civil society: published observations, their documents and the replies
    # show beside the reports; drafts are saved seldom enough to count too.
    Organisation,
    Observation,
    ObservationDocument,
    Reply,
)
PUBLIC_REPORT_STATUSES = {
    ProgressReport.Status.VALIDATED,
    ProgressReport.Status.PUBLISHED,
}


def shown_to_the_public(instance) -> bool:
    if isinstance(instance, ProgressReport):
        return instance.status in PUBLIC_REPORT_STATUSES
    return isinstance(instance, ALWAYS_PUBLIC)


def _written(sender, instance, using, **kwargs) -> None:
    if shown_to_the_public(instance):
        public_content_changed(using)


def connect() -> None:
    # No sender: one receiver for every model, including the subclasses of
    # Contribution, which a signal connected to Contribution would miss.
    post_save.connect(_written, dispatch_uid="public_content_saved")
    post_delete.connect(_written, dispatch_uid="public_content_deleted")
