"""Needs and capacities side by side, and the initiatives that join them.

A need is seen by whoever may read its report (progress.access); the public
sees the needs of published reports only.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.access import is_secretariat, secretariat_required
from common.exports import FORMATS
from common.exports.http import table_response
from common.pagecache import public_page

from .. import access, selectors, services
from ..exports import initiatives_table
from ..forms import InitiativeForm, InitiativeStatusForm
from ..models import CooperationInitiative

NEEDS_PER_PAGE = 10


@public_page
def need_list(request):
    """Open needs, each with the capacities that fit it best."""
    page = Paginator(selectors.open_needs(user=request.user), NEEDS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    fits = selectors.capacities_for_needs(page.object_list)
    rows = [(need, fits.get(need.pk, [])) for need in page.object_list]
    return render(
        request, "good_practices/need_list.html", {"page": page, "rows": rows}
    )


@public_page
def need_detail(request, pk: int):
    need = access.need_for_viewer(request.user, pk)
    initiatives = list(selectors.initiatives_for_need(need))
    context = {
        "need": need,
        "fits": selectors.capacities_for_need(need),
        "initiatives": initiatives,
    }
    if is_secretariat(request.user):
        context["initiative_form"] = InitiativeForm()
        for initiative in initiatives:
            initiative.next_statuses = [
                (status, CooperationInitiative.Status(status).label)
                for status in services.initiative_next_statuses(initiative.status)
            ]
    return render(request, "good_practices/need_detail.html", context)


@secretariat_required
@require_POST
def initiative_record(request, pk: int):
    need = access.need_for_viewer(request.user, pk)
    form = InitiativeForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
        return redirect("good_practices:need_detail", pk=need.pk)
    try:
        services.initiative_record(
            user=request.user,
            need=need,
            capacity=form.cleaned_data["capacity"],
            note=form.cleaned_data["note"],
        )
    except (ValidationError, PermissionDenied) as error:
        for message in getattr(error, "messages", [str(error)]):
            messages.error(request, message)
    else:
        messages.success(request, _("Cooperation initiative recorded as proposed."))
    return redirect("good_practices:need_detail", pk=need.pk)


@secretariat_required
@require_POST
def initiative_update(request, pk: int):
    initiative = get_object_or_404(CooperationInitiative, pk=pk)
    form = InitiativeStatusForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("Choose a status."))
        services.initiative_update(
            user=request.user,
            initiative=initiative,
            status=form.cleaned_data["status"],
            note=form.cleaned_data["note"] or None,
        )
    except (ValidationError, PermissionDenied) as error:
        for message in getattr(error, "messages", [str(error)]):
            messages.error(request, message)
    else:
        messages.success(request, _("Status of the initiative updated."))
    return redirect("good_practices:need_detail", pk=initiative.need_id)


@public_page
def initiative_list(request):
    """Public: initiatives whose need belongs to a published report."""
    status = request.GET.get("status") or None
    page = Paginator(selectors.public_initiatives(status=status), 50).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "good_practices/initiative_list.html",
        {
            "page": page,
            "status": status,
            "statuses": CooperationInitiative.Status.choices,
            "formats": FORMATS,
        },
    )


def initiative_download(request, fmt: str):
    """The public initiatives list, with its status filter, as a file."""
    if fmt not in FORMATS:
        raise Http404
    initiatives = selectors.public_initiatives(status=request.GET.get("status"))
    return table_response(
        initiatives_table(initiatives), fmt, "lima-cooperation-initiatives"
    )
