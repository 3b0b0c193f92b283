"""The secretariat's pages: applications of organisations, and the queue of
observations to moderate."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.access import secretariat_required
from common.feedback import attach_errors, show_errors
from common.params import query_choice

from .. import access, selectors, services
from ..forms import ReasonForm
from ..models import Organisation

PAGE_SIZE = 50


@secretariat_required
def applications(request):
    status = query_choice(request.GET, "status", Organisation.Status.choices)
    organisations = selectors.applications(status=status or Organisation.Status.APPLIED)
    page = Paginator(organisations, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "civil_society/application_list.html",
        {
            "page": page,
            "status": status or Organisation.Status.APPLIED,
            "statuses": Organisation.Status.choices,
        },
    )


@secretariat_required
def application_detail(request, pk: int):
    """One application; POST approves it or declines it with a reason."""
    organisation = access.application_for_secretariat(request.user, pk)
    form = ReasonForm()
    if request.method == "POST":
        action = request.POST.get("action")
        form = ReasonForm(request.POST) if action == "decline" else form
        done = _decide(request, organisation, action, form)
        if done:
            return redirect("civil_society:application_detail", pk=organisation.pk)
    return render(
        request,
        "civil_society/application_detail.html",
        {
            "organisation": organisation,
            "form": form,
            "members": selectors.members_of(organisation),
        },
        status=400 if request.method == "POST" else 200,
    )


def _decide(request, organisation, action, form) -> bool:
    try:
        if action == "approve":
            services.organisation_approve(user=request.user, organisation=organisation)
            messages.success(
                request,
                _("Approved. The contact person is emailed a link to join."),
            )
            return True
        if action == "decline" and form.is_valid():
            services.organisation_decline(
                user=request.user,
                organisation=organisation,
                reason=form.cleaned_data["reason"],
            )
            messages.success(request, _("Declined. The contact person is emailed why."))
            return True
        if action not in ("approve", "decline"):
            messages.error(request, _("Choose to approve or to decline."))
    except ValidationError as error:
        attach_errors(form, error)
    return False


@secretariat_required
def moderation_queue(request):
    page = Paginator(selectors.moderation_queue(), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "civil_society/moderation_queue.html", {"page": page})


@secretariat_required
@require_POST
def observation_moderate(request, pk: int):
    observation = access.observation_for_moderator(request.user, pk)
    action = request.POST.get("action")
    try:
        if action == "publish":
            services.observation_publish(user=request.user, observation=observation)
            messages.success(
                request,
                _("Published. The participant's focal points are told they may reply."),
            )
        elif action == "decline":
            services.observation_decline(
                user=request.user,
                observation=observation,
                reason=request.POST.get("reason", ""),
            )
            messages.success(request, _("Declined. The organisation sees your reason."))
        else:
            messages.error(request, _("Choose to publish or to decline."))
    except (ValidationError, PermissionDenied) as error:
        show_errors(request, error)
    return redirect("civil_society:observation_detail", pk=observation.pk)
