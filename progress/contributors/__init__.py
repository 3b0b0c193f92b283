"""Contributors: people a focal point invites to draft chosen mandates.

A focal point of a participant invites an address for some mandates; the
emailed link (single use, INVITATION_DAYS long) makes the person a contributor
of the participant: a Membership with the contributor role, and one
ContributorMandate per mandate given. What a contributor may see and change is
decided in progress.access; this package holds the invitations, the changes of
mandates and the revocation.
"""
