"""A participant's contributors: the focal points invite, change and revoke
them (observers read the page); the secretariat sees every participant's."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.access import secretariat_required
from common.feedback import attach_errors, show_errors

from ..contributors import access, selectors, services
from ..contributors.forms import ContributorInviteForm, ContributorMandatesForm


def _back_to_list(participant) -> str:
    return redirect("progress:contributors", code=participant.code)


@login_required
def contributor_list(request, code: str):
    participant, can_manage = access.participant_for_contributor_pages(
        request.user, code
    )
    if request.method == "POST" and not can_manage:
        raise PermissionDenied(_refusal(participant))
    form = ContributorInviteForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                invitation = services.contributor_invite(
                    user=request.user,
                    participant=participant,
                    email=form.cleaned_data["email"],
                    mandates=form.cleaned_data["mandates"],
                )
            except ValidationError as error:
                attach_errors(form, error)
            else:
                messages.success(request, _invited(invitation.email))
                return _back_to_list(participant)
        status = 400
    context = {
        "participant": participant,
        "can_manage": can_manage,
        "contributors": selectors.contributors_of(participant),
        "invitations": selectors.pending_invitations(participant),
        "form": form,
    }
    return render(request, "progress/contributor_list.html", context, status=status)


def _refusal(participant) -> str:
    return _("Only a focal point of %(participant)s manages its contributors.") % {
        "participant": participant.name
    }


def _invited(email: str) -> str:
    return _(
        "Invitation sent to %(email)s. Its link works once, for %(days)s days."
    ) % {"email": email, "days": settings.INVITATION_DAYS}


@login_required
def contributor_detail(request, code: str, pk: int):
    """The contributor's mandates, to change; the way to revoke them."""
    participant, can_manage = access.participant_for_contributor_pages(
        request.user, code
    )
    contributor = access.contributor_of(participant, pk)
    if request.method != "POST":
        form = ContributorMandatesForm(
            initial=ContributorMandatesForm.initial_for(contributor.mandate_numbers)
        )
        return _render_detail(request, participant, contributor, form, can_manage)
    if not can_manage:
        raise PermissionDenied(_refusal(participant))
    form = ContributorMandatesForm(request.POST)
    if not form.is_valid():
        return _render_detail(request, participant, contributor, form, can_manage, 400)
    try:
        services.contributor_mandates_set(
            user=request.user,
            membership=contributor,
            mandates=form.cleaned_data["mandates"],
            expected=form.shown_numbers(),
        )
    except ValidationError as error:
        return _refused_change(request, participant, contributor, form, error)
    messages.success(
        request,
        _("The mandates of %(name)s are changed.") % {"name": contributor.user},
    )
    return _back_to_list(participant)


def _refused_change(request, participant, contributor, form, error):
    if getattr(error, "code", None) != "stale":
        attach_errors(form, error)
        return _render_detail(request, participant, contributor, form, True, 400)
    # Someone else's choice is now on the form; nothing of it was overwritten.
    show_errors(request, error)
    current = access.contributor_of(participant, contributor.pk)
    fresh = ContributorMandatesForm(
        initial=ContributorMandatesForm.initial_for(current.mandate_numbers)
    )
    return _render_detail(request, participant, current, fresh, True, 409)


def _render_detail(request, participant, contributor, form, can_manage, status=200):
    context = {
        "participant": participant,
        "contributor": contributor,
        "form": form,
        "can_manage": can_manage,
    }
    return render(request, "progress/contributor_detail.html", context, status=status)


@login_required
def contributor_revoke(request, code: str, pk: int):
    """A page that asks to confirm; the POST revokes."""
    participant, can_manage = access.participant_for_contributor_pages(
        request.user, code
    )
    contributor = access.contributor_of(participant, pk)
    if not can_manage:
        raise PermissionDenied(_refusal(participant))
    if request.method == "POST":
        services.contributor_revoke(user=request.user, membership=contributor)
        messages.success(
            request,
            _(
                "%(name)s no longer contributes to %(participant)s. Their sessions "
                "and their API token have ended."
            )
            % {"name": contributor.user, "participant": participant.name},
        )
        return _back_to_list(participant)
    context = {"participant": participant, "contributor": contributor}
    return render(request, "progress/contributor_revoke.html", context)


@login_required
@require_POST
def invitation_resend(request, code: str, pk: int):
    participant, _can_manage = access.participant_for_contributor_pages(
        request.user, code
    )
    invitation = access.invitation_of(participant, pk)
    try:
        services.invitation_resend(user=request.user, invitation=invitation)
    except ValidationError as error:
        show_errors(request, error)
    else:
        messages.success(
            request,
            _("A new link was sent to %(email)s; the earlier one no longer works.")
            % {"email": invitation.email},
        )
    return _back_to_list(participant)


@login_required
@require_POST
def invitation_cancel(request, code: str, pk: int):
    participant, _can_manage = access.participant_for_contributor_pages(
        request.user, code
    )
    invitation = access.invitation_of(participant, pk)
    try:
        services.invitation_cancel(user=request.user, invitation=invitation)
    except ValidationError as error:
        show_errors(request, error)
    else:
        messages.success(
            request,
            _("The invitation of %(email)s is cancelled; its link no longer works.")
            % {"email": invitation.email},
        )
    return _back_to_list(participant)


@secretariat_required
def contributor_overview(request):
    """Every participant's contributors and their mandates."""
    return render(
        request,
        "progress/contributor_overview.html",
        {"contributors": selectors.contributors_by_participant()},
    )
