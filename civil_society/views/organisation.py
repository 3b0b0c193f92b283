"""The members' pages: their organisation's observations, colleagues, and
writing an observation with its sources. The observation's own page is here
too: its members and the secretariat see its workflow; everyone sees it once
published."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from common.feedback import attach_errors, show_errors, show_form_errors
from common.files import file_response
from common.languages import active_language
from common.locking import StaleVersion
from common.params import posted

from .. import access, selectors, services
from ..forms import DocumentForm, MemberInviteForm, ObservationForm, ReasonForm

FORM = "civil_society/observation_form.html"


@login_required
def workspace(request):
    """The organisation's observations, in any status, and its members."""
    organisation = access.organisation_for_member(request.user)
    page = Paginator(selectors.observations_of_organisation(organisation), 50).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "civil_society/workspace.html",
        {
            "organisation": organisation,
            "page": page,
            "members": selectors.members_of(organisation),
            "invitations": selectors.pending_invitations(organisation),
            "invite_form": MemberInviteForm(),
        },
    )


@login_required
@require_POST
def member_invite(request):
    access.organisation_for_member(request.user)
    form = MemberInviteForm(request.POST)
    if not form.is_valid():
        show_form_errors(request, form)
        return redirect(reverse("civil_society:workspace") + "#members")
    try:
        services.member_invite(
            user=request.user,
            email=form.cleaned_data["email"],
            language=active_language(),
        )
    except (ValidationError, PermissionDenied) as error:
        show_errors(request, error)
    else:
        messages.success(
            request,
            _("Invitation sent to %(email)s.") % {"email": form.cleaned_data["email"]},
        )
    return redirect(reverse("civil_society:workspace") + "#members")


@login_required
def observation_new(request):
    organisation = access.organisation_for_member(request.user)
    form = ObservationForm(
        posted(request),
        organisation=organisation,
        initial={"language": active_language()},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            observation = services.observation_create(
                user=request.user,
                participant=data["participant"],
                mandate=data["mandate"],
                cycle=data["cycle"],
                content=form.content(),
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(
                request,
                _("Draft saved. Add your sources, then submit it to the secretariat."),
            )
            return redirect("civil_society:observation_edit", pk=observation.pk)
    status = 400 if form.is_bound else 200
    return render(
        request, FORM, {"form": form, "organisation": organisation}, status=status
    )


def _initial(observation) -> dict:
    return {
        "version": observation.version,
        "assessment": observation.assessment,
        "text": observation.text,
        "language": observation.language,
    }


def _render_edit(request, observation, form, status=200):
    context = {
        "form": form,
        "observation": observation,
        "organisation": observation.organisation,
        "documents": selectors.documents_of(observation),
        "document_form": DocumentForm(),
    }
    return render(request, FORM, context, status=status)


@login_required
def observation_edit(request, pk: int):
    observation = access.observation_for_viewer(request.user, pk)
    refusal = access.edit_refusal(request.user, observation)
    if refusal:
        if not access.can_view_private(request.user, observation):
            raise Http404
        messages.warning(request, refusal)
        return redirect("civil_society:observation_detail", pk=observation.pk)
    if request.method != "POST":
        return _render_edit(
            request, observation, ObservationForm(initial=_initial(observation))
        )
    form = ObservationForm(request.POST)
    if not form.is_valid():
        return _render_edit(request, observation, form, status=400)
    try:
        saved = services.observation_update(
            user=request.user,
            observation=observation,
            version=form.cleaned_data["version"] or 0,
            content=form.content(),
        )
        if "submit" in request.POST:
            saved = services.observation_submit(
                user=request.user, observation=saved, version=saved.version
            )
    except StaleVersion as stale:
        messages.error(request, stale.messages[0])
        fresh = ObservationForm(initial=_initial(stale.current))
        return _render_edit(request, stale.current, fresh, status=409)
    except ValidationError as error:
        attach_errors(form, error)
        return _render_edit(request, observation, form, status=400)
    if "submit" in request.POST:
        messages.success(
            request,
            _("Submitted to the secretariat. Its decision will show here."),
        )
        return redirect("civil_society:observation_detail", pk=saved.pk)
    messages.success(
        request, _("Saved (version %(version)s).") % {"version": saved.version}
    )
    return redirect("civil_society:observation_edit", pk=saved.pk)


def observation_detail(request, pk: int):
    observation = access.observation_for_viewer(request.user, pk)
    private = access.can_view_private(request.user, observation)
    context = {
        "observation": observation,
        "private": private,
        "documents": selectors.documents_of(observation),
        "reply": selectors.reply_of(observation),
        "can_edit": access.edit_refusal(request.user, observation) is None,
        "can_reply": access.reply_refusal(request.user, observation) is None,
    }
    if private:
        context["versions"] = selectors.content_versions(observation)
        moderation_refusal = access.moderation_refusal(request.user, observation)
        context["can_moderate"] = (
            observation.status == observation.Status.SUBMITTED
            and moderation_refusal is None
        )
        context["moderation_refusal"] = moderation_refusal
        context["reason_form"] = ReasonForm()
    return render(request, "civil_society/observation_detail.html", context)


# --- Source documents ------------------------------------------------------------


def _documents_url(observation) -> str:
    return (
        reverse("civil_society:observation_edit", kwargs={"pk": observation.pk})
        + "#documents"
    )


@login_required
@require_POST
def document_add(request, pk: int):
    observation = access.observation_for_editor(request.user, pk)
    form = DocumentForm(request.POST, request.FILES)
    if not form.is_valid():
        show_form_errors(request, form)
        return redirect(_documents_url(observation))
    try:
        services.observation_document_add(
            user=request.user,
            observation=observation,
            title=form.cleaned_data["title"],
            upload=form.cleaned_data["upload"],
            url=form.cleaned_data["url"],
        )
    except ValidationError as error:
        show_errors(request, error)
    else:
        messages.success(
            request, _("“%(title)s” added.") % {"title": form.cleaned_data["title"]}
        )
    return redirect(_documents_url(observation))


@login_required
@require_POST
def document_remove(request, pk: int, document_id: int):
    observation = access.observation_for_editor(request.user, pk)
    document = get_object_or_404(observation.documents, pk=document_id)
    services.observation_document_remove(user=request.user, document=document)
    messages.success(request, _("“%(title)s” removed.") % {"title": document.title})
    return redirect(_documents_url(observation))


def document_download(request, pk: int, document_id: int):
    observation = access.observation_for_viewer(request.user, pk)
    return file_response(get_object_or_404(observation.documents, pk=document_id))
