"""The page an invitation's link opens: accept it, as a new or a known person.

A new person gives their name and a password and is signed in at once; a
person who has an account signs in first, then accepts. Whoever must use a
second factor (REQUIRE_2FA_FOR_FOCAL_POINTS counts contributors) is sent on
to set it up before anything else.
"""

from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.two_factor import (
    second_factor_enrolled,
    second_factor_forget,
    second_factor_pending,
)
from common.feedback import attach_errors, show_errors
from common.invitations import invitation_refusal
from common.languages import active_language

from ..contributors import access, services
from ..contributors.forms import InvitationAcceptForm

TEMPLATE = "progress/invitation_accept.html"
UNUSABLE = "progress/invitation_unusable.html"
# The account was just made with this password: signed in as by a password.
SIGN_IN_BACKEND = "django.contrib.auth.backends.ModelBackend"


def invitation_accept(request, pk: int, token: str):
    try:
        invitation = access.invitation_for_link(pk, token)
    except Http404:
        return render(request, UNUSABLE, {"reason": None}, status=404)
    refusal = invitation_refusal(invitation)
    if refusal:
        return render(request, UNUSABLE, {"reason": refusal}, status=410)
    user = request.user
    has_account = User.objects.filter(email=invitation.email).exists()
    context = {"invitation": invitation, "has_account": has_account}
    if user.is_authenticated and user.email != invitation.email:
        return render(request, TEMPLATE, {**context, "other_person": True}, status=403)
    if user.is_authenticated:
        return _accept_signed_in(request, invitation, context)
    if has_account:
        sign_in = f"{reverse('accounts:login')}?{urlencode({'next': request.path})}"
        return render(request, TEMPLATE, {**context, "sign_in_url": sign_in})
    return _accept_as_new(request, invitation, context)


def _accept_signed_in(request, invitation, context):
    if request.method != "POST":
        return render(request, TEMPLATE, context)
    try:
        services.invitation_accept(invitation=invitation, user=request.user)
    except (ValidationError, PermissionDenied) as error:
        show_errors(request, error)
        return render(request, TEMPLATE, context, status=400)
    return _welcome(request, invitation)


def _accept_as_new(request, invitation, context):
    form = InvitationAcceptForm(request.POST or None, email=invitation.email)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.invitation_accept_as_new(
                invitation=invitation,
                full_name=form.cleaned_data["full_name"],
                password=form.cleaned_data["password1"],
                language=active_language(),
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            auth_login(request, user, backend=SIGN_IN_BACKEND)
            return _welcome(request, invitation)
    status = 400 if form.is_bound else 200
    return render(request, TEMPLATE, {**context, "form": form}, status=status)


def _welcome(request, invitation):
    """To the workspace; through the second factor first if the role needs one."""
    participant = invitation.participant
    messages.success(
        request,
        _("Welcome: you now contribute to the reports of %(participant)s.")
        % {"participant": participant.name},
    )
    workspace = reverse("progress:workspace", kwargs={"code": participant.code})
    # The new role may require a second factor that this session has not given.
    second_factor_forget(request.session)
    if not second_factor_pending(request.user, request.session):
        return redirect(workspace)
    step = "verify" if second_factor_enrolled(request.user) else "enrol"
    url = reverse(f"accounts:two_factor_{step}")
    return redirect(f"{url}?{urlencode({'next': workspace})}")
