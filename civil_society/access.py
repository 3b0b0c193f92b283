"""The one place that says who may see and who may change civil-society records.

Members of an organisation see and write its observations; the secretariat
sees and moderates every one; everyone reads published ones. A person who may
not see a record gets a 404, as if it did not exist; someone who may see it but
not change it gets PermissionDenied with the reason. Members are a role of
their own: nothing here lets them see a participant's unpublished work.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from accounts.access import is_secretariat
from accounts.models import Membership
from common.invitations import invitation_for_link as invitations_for_link
from common.invitations import invitation_refusal as link_refusal

from .models import Member, MemberInvitation, Observation, Organisation

Status = Observation.Status


def member_of(user) -> Member | None:
    """The person's membership of an approved organisation, or None. One query."""
    if not user.is_authenticated:
        return None
    return (
        Member.objects.select_related("organisation")
        .filter(user=user, organisation__status=Organisation.Status.APPROVED)
        .first()
    )


def organisation_for_member(user) -> Organisation:
    """The organisation whose pages this person works on, or 404."""
    member = member_of(user)
    if member is None:
        raise Http404
    return member.organisation


def is_focal_point_of(user, participant_id: int) -> bool:
    return (
        user.is_authenticated
        and Membership.objects.filter(
            user=user,
            participant_id=participant_id,
            role=Membership.Role.FOCAL_POINT,
        ).exists()
    )


# --- Observations ----------------------------------------------------------------


def can_view_private(user, observation: Observation) -> bool:
    """The workflow (drafts, decline reasons, versions): its organisation's
    members and the secretariat."""
    if is_secretariat(user):
        return True
    return (
        user.is_authenticated
        and Member.objects.filter(
            user=user, organisation_id=observation.organisation_id
        ).exists()
    )


def can_view(user, observation: Observation) -> bool:
    return observation.status == Status.PUBLISHED or can_view_private(user, observation)


def edit_refusal(user, observation: Observation) -> str | None:
    """Why this person may not change this observation now, or None."""
    member = member_of(user)
    if member is None or member.organisation_id != observation.organisation_id:
        return _("Only members of %(organisation)s can edit its observations.") % {
            "organisation": observation.organisation.name
        }
    if not observation.is_editable_status:
        return _("This observation is %(status)s and can no longer be edited.") % {
            "status": observation.get_status_display().lower()
        }
    return None


def moderation_refusal(user, observation: Observation) -> str | None:
    """Why this person may not publish or decline this observation, or None:
    the secretariat moderates, never an observation of its own organisation."""
    if not is_secretariat(user):
        return _("Only the secretariat moderates observations.")
    if Member.objects.filter(
        user=user, organisation_id=observation.organisation_id
    ).exists():
        return _(
            "You are a member of %(organisation)s, so someone else must moderate "
            "its observations."
        ) % {"organisation": observation.organisation.name}
    return None


def reply_refusal(user, observation: Observation) -> str | None:
    """Why this person may not reply to this observation, or None."""
    if observation.status != Status.PUBLISHED:
        return _("Only a published observation can be replied to.")
    if not is_focal_point_of(user, observation.participant_id):
        return _("Only a focal point of %(participant)s can reply.") % {
            "participant": observation.participant.name
        }
    return None


def _observation(pk: int) -> Observation | None:
    return Observation.objects.with_related().filter(pk=pk).first()


def observation_for_viewer(user, pk: int) -> Observation:
    observation = _observation(pk)
    if observation is None or not can_view(user, observation):
        raise Http404
    return observation


def observation_for_editor(user, pk: int) -> Observation:
    observation = observation_for_viewer(user, pk)
    refusal = edit_refusal(user, observation)
    if refusal:
        raise PermissionDenied(refusal)
    return observation


def observation_for_moderator(user, pk: int) -> Observation:
    """For the secretariat's page: anyone else gets 404."""
    if not is_secretariat(user):
        raise Http404
    return observation_for_viewer(user, pk)


def observation_for_replier(user, pk: int) -> Observation:
    """A published observation, and this person may reply to it (else 403)."""
    observation = _observation(pk)
    if observation is None or observation.status != Status.PUBLISHED:
        raise Http404
    refusal = reply_refusal(user, observation)
    if refusal:
        raise PermissionDenied(refusal)
    return observation


# --- Organisations and invitations -----------------------------------------------


def application_for_secretariat(user, pk: int) -> Organisation:
    if not is_secretariat(user):
        raise Http404
    organisation = Organisation.objects.select_related("scope").filter(pk=pk).first()
    if organisation is None:
        raise Http404
    return organisation


def invitation_for_link(pk: int, token: str) -> MemberInvitation:
    """The invitation whose link this is, or 404: a wrong secret finds nothing."""
    invitations = MemberInvitation.objects.select_related("organisation", "invited_by")
    return invitations_for_link(invitations, pk, token)


def invitation_refusal(invitation: MemberInvitation) -> str | None:
    """Why this invitation's link no longer works, or None if it does."""
    refusal = link_refusal(invitation)
    if refusal:
        return refusal
    if not invitation.organisation.is_approved:
        return _("This organisation is not approved.")
    return None
