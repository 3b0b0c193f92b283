"""Civil-society organisations, their observations on a participant's work on
a mandate, and the participant's replies.

An organisation applies; the secretariat approves or declines it. Members of
an approved organisation (a role of their own: they never see any
participant's unpublished work) write observations:

    draft --submit--> submitted --publish--> published
      ^                   |
      +---(edit)--- declined <--decline (with a reason the organisation sees)

Once published, the observed participant's focal points may reply. Both an
observation and a reply keep every version, attributed to its author
(django-simple-history records named ObservationVersion and ReplyVersion).
"""

from .limits import DESCRIPTION_LIMIT, OBSERVATION_LIMIT, REASON_LIMIT, REPLY_LIMIT
from .observations import (
    Assessment,
    Observation,
    ObservationDocument,
    ObservationQuerySet,
    Reply,
    document_path,
)
from .organisations import Member, MemberInvitation, Organisation

__all__ = [
    "DESCRIPTION_LIMIT",
    "OBSERVATION_LIMIT",
    "REPLY_LIMIT",
    "REASON_LIMIT",
    "Assessment",
    "ObservationQuerySet",
    "Observation",
    "document_path",
    "ObservationDocument",
    "Reply",
    "Organisation",
    "Member",
    "MemberInvitation",
]
