"""Pages for people without a role yet: an organisation applies; an invited
person joins through the emailed link."""

from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from accounts.models import User
from common.feedback import attach_errors, show_errors
from common.languages import active_language
from common.params import posted

from .. import access, services
from ..forms import ApplicationForm, MemberAcceptForm

ACCEPT = "civil_society/invitation_accept.html"
UNUSABLE = "civil_society/invitation_unusable.html"
# The account was just made with this password: signed in as by a password.
SIGN_IN_BACKEND = "django.contrib.auth.backends.ModelBackend"


def apply(request):
    """The application form: anyone may apply, without an account."""
    form = ApplicationForm(posted(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.organisation_apply(
                content=data,
                scope=data["scope"],
                accepted_code_of_conduct=data["accepted_code_of_conduct"],
                language=active_language(),
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(
                request,
                _(
                    "Thank you: the secretariat will read your application and "
                    "write to %(email)s."
                )
                % {"email": data["contact_email"]},
            )
            return redirect("home")
    status = 400 if form.is_bound else 200
    return render(
        request, "civil_society/application_form.html", {"form": form}, status=status
    )


def invitation_accept(request, pk: int, token: str):
    try:
        invitation = access.invitation_for_link(pk, token)
    except Http404:
        return render(request, UNUSABLE, {"reason": None}, status=404)
    refusal = access.invitation_refusal(invitation)
    if refusal:
        return render(request, UNUSABLE, {"reason": refusal}, status=410)
    user = request.user
    has_account = User.objects.filter(email=invitation.email).exists()
    context = {"invitation": invitation, "has_account": has_account}
    if user.is_authenticated and user.email != invitation.email:
        return render(request, ACCEPT, {**context, "other_person": True}, status=403)
    if user.is_authenticated:
        return _accept_signed_in(request, invitation, context)
    if has_account:
        sign_in = f"{reverse('accounts:login')}?{urlencode({'next': request.path})}"
        return render(request, ACCEPT, {**context, "sign_in_url": sign_in})
    return _accept_as_new(request, invitation, context)


def _accept_signed_in(request, invitation, context):
    if request.method != "POST":
        return render(request, ACCEPT, context)
    try:
        services.member_invitation_accept(invitation=invitation, user=request.user)
    except (ValidationError, PermissionDenied) as error:
        show_errors(request, error)
        return render(request, ACCEPT, context, status=400)
    return _welcome(request, invitation)


def _accept_as_new(request, invitation, context):
    form = MemberAcceptForm(posted(request), email=invitation.email)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.member_invitation_accept_as_new(
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
    return render(request, ACCEPT, {**context, "form": form}, status=status)


def _welcome(request, invitation):
    messages.success(
        request,
        _("Welcome: you now write the observations of %(organisation)s.")
        % {"organisation": invitation.organisation.name},
    )
    return redirect("civil_society:workspace")
