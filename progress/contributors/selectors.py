"""Reads about contributors, for the focal points' pages and the secretariat's.

Each list is one query: the mandate numbers come aggregated in the same row.
"""

from django.contrib.postgres.aggregates import ArrayAgg
from django.db.models import Value

from accounts.models import Membership, name_sort_key

from ..models import ContributorInvitation

GIVEN = "contributor_mandates__mandate"


def _with_mandate_numbers(queryset, path: str = GIVEN):
    return queryset.annotate(
        mandate_numbers=ArrayAgg(
            f"{path}__number", order_by=f"{path}__number", default=Value([])
        )
    )


def contributors_of(participant):
    """The participant's contributors, by name, with their mandates' numbers."""
    contributors = Membership.objects.filter(
        participant=participant, role=Membership.Role.CONTRIBUTOR
    ).select_related("user")
    return _with_mandate_numbers(contributors).order_by(
        "user__full_name", "user__email"
    )


def pending_invitations(participant):
    """Invitations neither accepted nor cancelled (expired ones too: a focal
    point may send them again), newest first."""
    invitations = ContributorInvitation.objects.filter(
        participant=participant, accepted_at=None, revoked_at=None
    ).select_related("invited_by")
    return _with_mandate_numbers(invitations, "mandates").order_by("-created_at")


def contributors_by_participant():
    """Every contributor, participant by participant (states first, by name)."""
    contributors = Membership.objects.filter(
        role=Membership.Role.CONTRIBUTOR
    ).select_related("user", "participant")
    return _with_mandate_numbers(contributors).order_by(
        "-participant__kind",
        name_sort_key("participant__"),
        "participant__code",
        "user__full_name",
        "user__email",
    )
