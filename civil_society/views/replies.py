"""Focal points reply to the published observations on their participant."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from common.feedback import attach_errors
from common.languages import active_language
from common.locking import StaleVersion
from common.params import posted

from .. import access, selectors, services
from ..forms import ReplyForm


@login_required
def reply_list(request):
    """Published observations on the participants this person is a focal
    point of, with whether each has a reply."""
    page = Paginator(selectors.observations_to_reply(request.user), 50).get_page(
        request.GET.get("page")
    )
    return render(request, "civil_society/reply_list.html", {"page": page})


def _initial(reply) -> dict:
    if reply is None:
        return {"language": active_language()}
    return {"version": reply.version, "text": reply.text, "language": reply.language}


@login_required
def reply(request, pk: int):
    """Post the participant's reply, or change it (every version is kept)."""
    observation = access.observation_for_replier(request.user, pk)
    current = selectors.reply_of(observation)
    form = ReplyForm(posted(request), initial=_initial(current))
    if request.method == "POST" and form.is_valid():
        try:
            services.reply_save(
                user=request.user,
                observation=observation,
                text=form.cleaned_data["text"],
                language=form.cleaned_data["language"],
                version=form.cleaned_data["version"],
            )
        except StaleVersion as stale:
            messages.error(request, stale.messages[0])
            current = selectors.reply_of(observation)
            form = ReplyForm(initial=_initial(current))
            return _render(request, observation, current, form, status=409)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(
                request, _("Your reply is published under the observation.")
            )
            return redirect("civil_society:observation_detail", pk=observation.pk)
    status = 400 if form.is_bound else 200
    return _render(request, observation, current, form, status=status)


def _render(request, observation, current, form, status=200):
    context = {
        "observation": observation,
        "reply": current,
        "form": form,
        "versions": selectors.content_versions(current) if current else [],
    }
    return render(request, "civil_society/reply_form.html", context, status=status)
