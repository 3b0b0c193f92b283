"""The models of progress, one module per part; Django finds them all here."""

from .aggregates import PublishedLevel, PublishedLevelCount
from .contributors import ContributorInvitation, ContributorMandate
from .reminders import Reminder, ReviewDigest
from .reports import (
    LONG_TEXT,
    CycleQuerySet,
    Evidence,
    ImplementationLevel,
    ProgressReport,
    ReportingCycle,
    ReportQuerySet,
    ReportTransition,
    SupportType,
    evidence_path,
)

__all__ = [
    "LONG_TEXT",
    "ContributorInvitation",
    "ContributorMandate",
    "CycleQuerySet",
    "Evidence",
    "ImplementationLevel",
    "PublishedLevelCount",
    "ProgressReport",
    "PublishedLevel",
    "ReportQuerySet",
    "ReportTransition",
    "ReportingCycle",
    "Reminder",
    "ReviewDigest",
    "SupportType",
    "evidence_path",
]
