"""Writes of civil society: applications, members, observations, replies.

    draft --submit--> submitted --publish--> published (focal points may reply)
      ^                   |
      +------edit---- declined <--decline (with a reason the organisation sees)

Members of an approved organisation write and submit its observations; only
the secretariat publishes or declines, never an observation of an organisation
it belongs to. Every function runs in one transaction, locks the row it changes
(common.locking: a stale save is refused, nothing is overwritten), and raises
ValidationError or PermissionDenied with a message that can be shown as it is.
"""

from .observations import (
    observation_create,
    observation_decline,
    observation_document_add,
    observation_document_remove,
    observation_publish,
    observation_submit,
    observation_update,
    reply_save,
)
from .organisations import (
    member_invitation_accept,
    member_invitation_accept_as_new,
    member_invite,
    organisation_apply,
    organisation_approve,
    organisation_decline,
)

__all__ = [
    "member_invitation_accept",
    "member_invitation_accept_as_new",
    "member_invite",
    "observation_create",
    "observation_decline",
    "observation_document_add",
    "observation_document_remove",
    "observation_publish",
    "observation_submit",
    "observation_update",
    "organisation_apply",
    "organisation_approve",
    "organisation_decline",
    "reply_save",
]
