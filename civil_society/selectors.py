"""Reads of civil society, each scoped to who asks.

The public side (pages beside the official report, open data, the API) reads
through published_observations(), which never returns anything unpublished.
"""

from accounts.models import Membership

from .models import Member, Observation, Organisation, Reply

Status = Observation.Status


def published_observations(*, participant=None, mandate=None, cycle=None):
    """Published observations with their organisation and reply; filters are
    optional. The one read the public pages, downloads and API share."""
    observations = (
        Observation.objects.published()
        .with_related()
        .select_related("reply__created_by", "reply__updated_by")
        .order_by("cycle", "participant", "mandate__number", "organisation__name")
    )
    filters = {"participant": participant, "mandate": mandate, "cycle": cycle}
    return observations.filter(**{k: v for k, v in filters.items() if v is not None})


def observations_of_organisation(organisation: Organisation):
    """Every observation of the organisation, in any status, newest change first."""
    return (
        Observation.objects.of_organisation(organisation)
        .with_related()
        .select_related("updated_by")
        .order_by("-updated_at", "-pk")
    )


def moderation_queue():
    """Submitted observations, oldest first: what the secretariat decides on."""
    return (
        Observation.objects.filter(status=Status.SUBMITTED)
        .with_related()
        .select_related("submitted_by")
        .order_by("submitted_at", "pk")
    )


def applications(*, status: str | None = Organisation.Status.APPLIED):
    """Applications of organisations, oldest first (the pending ones by default)."""
    organisations = Organisation.objects.select_related("scope", "decided_by")
    if status:
        organisations = organisations.filter(status=status)
    return organisations.order_by("created_at", "pk")


def members_of(organisation: Organisation):
    return organisation.members.select_related("user", "invited_by").order_by(
        "joined_at", "pk"
    )


def pending_invitations(organisation: Organisation):
    return organisation.invitations.filter(
        accepted_at=None, revoked_at=None
    ).select_related("invited_by")


def observations_to_reply(user):
    """Published observations on the participants this person is a focal
    point of, with their replies: what they may reply to."""
    participants = Membership.objects.filter(
        user=user, role=Membership.Role.FOCAL_POINT
    ).values("participant_id")
    return (
        published_observations()
        .filter(participant__in=participants)
        .order_by("-published_at", "-pk")
    )


def documents_of(observation: Observation):
    return observation.documents.select_related("added_by")


def content_versions(record) -> list:
    """The record that made each content version of an observation or a reply,
    newest first; each one's history_user is that version's author.

    A status change saves the row too, with the same version number and the
    actor as its user: a version is the EARLIEST record of its number (as in
    progress.history).
    """
    made = (
        record.history.order_by("version", "history_date", "history_id")
        .distinct("version")
        .select_related("history_user")
    )
    return sorted(made, key=lambda version: version.version, reverse=True)


def member_for_user(user) -> Member | None:
    return Member.objects.select_related("organisation").filter(user=user).first()


def reply_of(observation: Observation) -> Reply | None:
    return (
        Reply.objects.select_related("created_by", "updated_by")
        .filter(observation=observation)
        .first()
    )
