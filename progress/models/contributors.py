"""Contributors: the mandates a focal point gave them, and their invitations."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts.models import Membership, Participant
from common.models import Invitation
from mandates.models import Mandate


class ContributorMandate(models.Model):
    """A mandate a focal point gave a contributor of their participant.

    It lives here, not in accounts, because accounts does not know mandates
    (see the layers in pyproject.toml). The services keep these rows on
    contributor memberships only; the access rules check the role as well.
    """

    membership = models.ForeignKey(
        Membership,
        on_delete=models.CASCADE,
        related_name="contributor_mandates",
        verbose_name=_("membership"),
    )
    mandate = models.ForeignKey(
        Mandate,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("mandate"),
    )

    class Meta:
        verbose_name = _("mandate of a contributor")
        verbose_name_plural = _("mandates of contributors")
        constraints = [
            models.UniqueConstraint(
                fields=["membership", "mandate"], name="contributor_mandate_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.membership} · {self.mandate.number}"


class ContributorInvitation(Invitation):
    """A focal point's invitation to draft chosen mandates of their participant.

    Only a hash of the link's secret is kept: the emailed link is the one copy.
    An invitation is used once (accepted_at), or cancelled (revoked_at), and
    stops working at expires_at.
    """

    participant = models.ForeignKey(
        Participant,
        on_delete=models.CASCADE,
        related_name="contributor_invitations",
        verbose_name=_("participant"),
    )
    mandates = models.ManyToManyField(
        Mandate, related_name="+", verbose_name=_("mandates")
    )

    class Meta(Invitation.Meta):
        verbose_name = _("contributor invitation")
        verbose_name_plural = _("contributor invitations")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(accepted_at__isnull=True) | Q(revoked_at__isnull=True),
                name="invitation_accepted_or_cancelled",
            ),
            # One live invitation per address and participant: a new one
            # replaces the earlier (contributor_invite cancels it).
            models.UniqueConstraint(
                fields=["participant", "email"],
                condition=Q(accepted_at__isnull=True, revoked_at__isnull=True),
                name="one_pending_invitation_per_address",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.email} → {self.participant.code}"
