"""Focal points propose good practices and capacities; the secretariat decides."""

from collections.abc import Callable
from dataclasses import dataclass

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.access import secretariat_required
from accounts.selectors import participants_for
from common.feedback import attach_errors, show_errors, show_form_errors
from common.locking import StaleVersion

from .. import access, selectors, services
from ..forms import AttachmentForm, CapacityForm, GoodPracticeForm
from ..models import Contribution, GoodPractice, RegionalCapacity

# --- One kind at a time: what differs between practices and capacities ---------------


def _update_practice(*, record, **kwargs):
    return services.good_practice_update(practice=record, **kwargs)


def _update_capacity(*, record, **kwargs):
    return services.capacity_update(capacity=record, **kwargs)


@dataclass(frozen=True)
class KindPages:
    """The form, services and template of one kind of contribution."""

    model: type
    form: type
    create: Callable
    update: Callable
    template: str
    edit_url: str

    def initial(self, record) -> dict:
        initial = forms.models.model_to_dict(record, fields=self.form._meta.fields)
        initial["mandates"] = list(record.mandates.values_list("pk", flat=True))
        initial["version"] = record.version
        return initial

    def relations(self, form) -> dict:
        relations = {"mandates": form.cleaned_data["mandates"]}
        if self.model is RegionalCapacity:
            relations["countries"] = form.cleaned_data["countries"]
        return relations


PRACTICE = KindPages(
    model=GoodPractice,
    form=GoodPracticeForm,
    create=services.good_practice_create,
    update=_update_practice,
    template="good_practices/practice_form.html",
    edit_url="good_practices:practice_edit",
)
CAPACITY = KindPages(
    model=RegionalCapacity,
    form=CapacityForm,
    create=services.capacity_create,
    update=_update_capacity,
    template="good_practices/capacity_form.html",
    edit_url="good_practices:capacity_edit",
)
KINDS = {Contribution.Kind.PRACTICE: PRACTICE, Contribution.Kind.CAPACITY: CAPACITY}


def _propose(request, kind: KindPages):
    participants = participants_for(request.user, editable=True)
    if not participants.exists():
        raise PermissionDenied(
            _("Only focal points propose good practices and capacities.")
        )
    form = kind.form(request.POST or None, participants=participants)
    if len(participants) == 1:
        form.fields["participant"].initial = participants[0]
        form.fields["participant"].widget = forms.HiddenInput()
    if request.method == "POST" and form.is_valid():
        try:
            record = kind.create(
                user=request.user,
                participant=form.cleaned_data["participant"],
                content=form.content(),
                **kind.relations(form),
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(
                request,
                _("Draft saved. Submit it to the secretariat when it is ready."),
            )
            return redirect(kind.edit_url, pk=record.pk)
    return render(request, kind.template, {"form": form, "participants": participants})


@login_required
def practice_propose(request):
    return _propose(request, PRACTICE)


@login_required
def capacity_propose(request):
    return _propose(request, CAPACITY)


def _edit(request, kind: KindPages, record):
    refusal = access.edit_refusal(request.user, record)
    if refusal:
        if not access.can_view_private(request.user, record):
            raise Http404
        messages.warning(request, refusal)
        return redirect(record.get_absolute_url())
    if request.method != "POST":
        form = kind.form(initial=kind.initial(record))
        return _render_edit(request, kind, record, form)
    form = kind.form(request.POST)
    if not form.is_valid():
        return _render_edit(request, kind, record, form, status=400)
    try:
        saved = kind.update(
            user=request.user,
            record=record,
            version=form.cleaned_data["version"] or 0,
            content=form.content(),
            **kind.relations(form),
        )
    except StaleVersion as stale:
        messages.error(request, stale.messages[0])
        fresh = kind.form(initial=kind.initial(stale.current))
        return _render_edit(request, kind, stale.current, fresh, status=409)
    except ValidationError as error:
        attach_errors(form, error)
        return _render_edit(request, kind, record, form, status=400)
    if "submit" in request.POST:
        return _submit(request, saved)
    messages.success(
        request, _("Saved (version %(version)s).") % {"version": saved.version}
    )
    return redirect(kind.edit_url, pk=saved.pk)


def _render_edit(request, kind: KindPages, record, form, status=200):
    context = {"form": form, "record": record}
    if kind is PRACTICE:
        context["attachments"] = record.attachments.all()
        context["attachment_form"] = AttachmentForm()
    return render(request, kind.template, context, status=status)


@login_required
def practice_edit(request, pk: int):
    return _edit(request, PRACTICE, access.practice_for_viewer(request.user, pk))


@login_required
def capacity_edit(request, pk: int):
    return _edit(request, CAPACITY, access.capacity_for_viewer(request.user, pk))


def _submit(request, record):
    try:
        services.contribution_submit(
            user=request.user, record=record, version=record.version
        )
    except (ValidationError, PermissionDenied) as error:
        show_errors(request, error)
        return redirect(KINDS[record.kind].edit_url, pk=record.pk)
    messages.success(
        request,
        _(
            "Submitted to the secretariat. You will see its decision in your "
            "list of contributions."
        ),
    )
    return redirect(record.get_absolute_url())


@login_required
@require_POST
def contribution_submit(request, pk: int):
    record = access.contribution_for_editor(request.user, pk)
    # Compared as text: "²" passes str.isdigit() but not int().
    if request.POST.get("version", "") != str(record.version):
        messages.error(
            request, _("This changed since you opened it; check it and submit again.")
        )
        return redirect(KINDS[record.kind].edit_url, pk=record.pk)
    return _submit(request, record)


# --- Files and links of a practice ---------------------------------------------------


def _attachments_url(practice) -> str:
    return reverse("good_practices:practice_edit", kwargs={"pk": practice.pk}) + (
        "#attachments"
    )


@login_required
@require_POST
def attachment_add(request, pk: int):
    practice = access.practice_for_editor(request.user, pk)
    form = AttachmentForm(request.POST, request.FILES)
    if not form.is_valid():
        show_form_errors(request, form)
        return redirect(_attachments_url(practice))
    try:
        services.practice_attachment_add(
            user=request.user,
            practice=practice,
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
    return redirect(_attachments_url(practice))


@login_required
@require_POST
def attachment_remove(request, pk: int, attachment_id: int):
    practice = access.practice_for_editor(request.user, pk)
    item = get_object_or_404(practice.attachments, pk=attachment_id)
    services.practice_attachment_remove(user=request.user, attachment=item)
    messages.success(request, _("“%(title)s” removed.") % {"title": item.title})
    return redirect(_attachments_url(practice))


# --- Lists ---------------------------------------------------------------------------


@login_required
def my_contributions(request):
    """The participant's contributions with their status and the decisions."""
    records = selectors.contributions_of(request.user)
    page = Paginator(records, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "good_practices/contribution_list.html",
        {
            "page": page,
            "can_propose": participants_for(request.user, editable=True).exists(),
        },
    )


@secretariat_required
def moderation_queue(request):
    kind = request.GET.get("kind") or None
    page = Paginator(selectors.moderation_queue(kind=kind), 50).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "good_practices/moderation_queue.html",
        {"page": page, "kind": kind, "kinds": Contribution.Kind.choices},
    )


@login_required
@require_POST
def contribution_decide(request, pk: int):
    record = access.contribution_for_moderator(request.user, pk)
    action = request.POST.get("action")
    try:
        if action == "publish":
            services.contribution_publish(user=request.user, record=record)
            messages.success(request, _("Published. Everyone can now find it."))
        elif action == "decline":
            services.contribution_decline(
                user=request.user, record=record, reason=request.POST.get("reason", "")
            )
            messages.success(request, _("Declined. The focal points see your reason."))
        else:
            messages.error(request, _("Unknown action."))
    except (ValidationError, PermissionDenied) as error:
        show_errors(request, error)
    return redirect(record.get_absolute_url())
