"""Pages of the reporting workspace, the secretariat's review and the public site.

Every report is fetched through progress.access, never by a bare query.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.selectors import participant_get, participant_list, participants_for
from mandates.models import Mandate, Section
from mandates.selectors import mandate_get, mandate_neighbours

from . import access, evidence, history, selectors, services
from .exports import FORMATS
from .forms import (
    EvidenceForm,
    ReportForm,
    ReturnForm,
    ValidateForm,
    indicator_field_name,
)
from .indicators import applicable_indicators
from .models import ProgressReport, ReportingCycle


def _error_messages(request, error) -> None:
    for message in getattr(error, "messages", [str(error)]):
        messages.error(request, message)


# --- Workspace ---------------------------------------------------------------


@login_required
def workspace(request):
    participants = list(participants_for(request.user))
    if len(participants) == 1:
        return redirect("progress:dashboard", code=participants[0].code)
    return render(request, "progress/workspace.html", {"participants": participants})


def _participant_for_member(user, code: str):
    participant = participant_get(code=code)
    if not participants_for(user).filter(pk=participant.pk).exists():
        raise Http404
    return participant


@login_required
def dashboard(request, code: str):
    participant = _participant_for_member(request.user, code)
    cycles = ReportingCycle.objects.all()
    cycle = _chosen_cycle(request, cycles) or selectors.current_cycle()
    context = {
        "participant": participant,
        "cycle": cycle,
        "cycles": cycles,
        "can_edit": participants_for(request.user, editable=True)
        .filter(pk=participant.pk)
        .exists(),
    }
    if cycle:
        rows = selectors.workspace_rows(participant=participant, cycle=cycle)
        context.update(
            cycle_open=cycle.is_open(),
            days_left=cycle.days_left(),
            days_late=-cycle.days_left(),
            rows=rows,
            returned=selectors.returned_reports(participant=participant, cycle=cycle),
            counts=_status_counts(rows),
        )
    return render(request, "progress/dashboard.html", context)


def _chosen_cycle(request, cycles):
    cycle_id = request.GET.get("cycle", "")
    return cycles.filter(pk=cycle_id).first() if cycle_id.isdigit() else None


def _status_counts(rows) -> list[tuple[str, int]]:
    """(label, count) for "not started" and each workflow state, in order."""
    counts = {}
    for row in rows:
        key = row.report.status if row.report else "none"
        counts[key] = counts.get(key, 0) + 1
    labels = [("none", _("Not started")), *ProgressReport.Status.choices]
    return [(label, counts.get(key, 0)) for key, label in labels]


@login_required
@require_POST
def report_start(request, code: str, cycle_id: int, number: int):
    participant = _participant_for_member(request.user, code)
    cycle = get_object_or_404(ReportingCycle, pk=cycle_id)
    mandate = get_object_or_404(Mandate, number=number)
    existing = ProgressReport.objects.filter(
        participant=participant, cycle=cycle, mandate=mandate
    ).first()
    if existing:
        return redirect("progress:report_edit", pk=existing.pk)
    try:
        report = services.report_start(
            user=request.user,
            participant=participant,
            mandate=mandate,
            cycle=cycle,
            copy_previous=request.POST.get("copy_previous") == "1",
        )
    except (ValidationError, PermissionDenied) as error:
        _error_messages(request, error)
        return redirect("progress:dashboard", code=participant.code)
    messages.success(
        request,
        _("Draft report created. Save it at any time; submit it when complete."),
    )
    return redirect("progress:report_edit", pk=report.pk)


# --- One report ----------------------------------------------------------------


def report_detail(request, pk: int):
    report = access.report_for_viewer(request.user, pk)
    private = access.can_view_private(request.user, report)
    evidence_items = (
        report.evidence.all() if private else report.evidence.filter(is_public=True)
    )
    context = {
        "report": report,
        "answers": selectors.indicator_answers(report),
        "evidence_items": evidence_items,
        "private": private,
        "edit_refusal": access.edit_refusal(request.user, report)
        if request.user.is_authenticated
        else True,
        "missing": selectors.report_missing(report)
        if report.is_editable_status
        else [],
    }
    if private:
        context.update(
            transitions=report.transitions.select_related("actor"),
            version_history=history.version_history(report),
        )
    return render(request, "progress/report_detail.html", context)


@login_required
def report_edit(request, pk: int):
    report = access.report_for_viewer(request.user, pk)
    refusal = access.edit_refusal(request.user, report)
    if refusal:
        if not access.can_view_private(request.user, report):
            raise Http404
        messages.warning(request, refusal)
        return redirect("progress:report_detail", pk=report.pk)
    indicators = list(
        applicable_indicators(mandate=report.mandate, participant=report.participant)
    )
    if request.method == "POST":
        form = ReportForm(request.POST, indicators=indicators)
        if form.is_valid():
            return _save_report(request, report, form, indicators)
    else:
        form = ReportForm(
            initial=ReportForm.initial_for(report, indicators), indicators=indicators
        )
    return _render_edit(request, report, form, indicators)


def _as_report(report, form) -> ProgressReport:
    """An unsaved copy of the report holding what the form says."""
    copy = ProgressReport(**{f: getattr(report, f) for f in ("participant", "mandate")})
    for field, value in form.content().items():
        setattr(copy, field, value)
    copy.indicator_values = services.clean_indicator_values(
        report, form.indicator_answers()
    )
    return copy


def _render_edit(request, report, form, indicators, status=200, unsaved=()):
    return render(
        request,
        "progress/report_form.html",
        {
            "report": report,
            "form": form,
            "missing": selectors.report_missing(report, indicators),
            "evidence_form": EvidenceForm(),
            "evidence_items": report.evidence.all(),
            "last_return": report.transitions.filter(
                to_status=ProgressReport.Status.RETURNED
            ).last(),
            "previous_report": selectors.previous_cycle_report(report),
            "unsaved": unsaved,
        },
        status=status,
    )


def _save_report(request, report, form, indicators):
    try:
        saved = services.report_update(
            user=request.user,
            report=report,
            version=form.cleaned_data["version"],
            content=form.content(),
            indicators=form.indicator_answers(),
        )
    except services.StaleReport as stale:
        # The form shows the newer content; what this person typed is shown
        # beside it, so nothing of theirs is lost.
        messages.error(request, stale.messages[0])
        fresh = ReportForm(
            initial=ReportForm.initial_for(stale.current, indicators),
            indicators=indicators,
        )
        unsaved = history.compare(
            stale.current, _as_report(stale.current, form), report=stale.current
        )
        return _render_edit(
            request, stale.current, fresh, indicators, status=409, unsaved=unsaved
        )
    except ValidationError as error:
        _attach_errors(form, error)
        return _render_edit(request, report, form, indicators, status=400)
    if "submit" in request.POST:
        return _submit(request, saved)
    messages.success(
        request, _("Draft saved (version %(version)s).") % {"version": saved.version}
    )
    return redirect("progress:report_edit", pk=saved.pk)


def _attach_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        by_code = {i.code: i for i in form.indicators}
        for key, errors in error.message_dict.items():
            name = indicator_field_name(by_code[key]) if key in by_code else key
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)


def _submit(request, report):
    try:
        services.report_submit(user=request.user, report=report, version=report.version)
    except (ValidationError, PermissionDenied) as error:
        _error_messages(request, error)
        return redirect("progress:report_edit", pk=report.pk)
    messages.success(
        request,
        _(
            "Report submitted to the secretariat. You will see its review on "
            "your dashboard."
        ),
    )
    return redirect("progress:report_detail", pk=report.pk)


@login_required
@require_POST
def report_submit(request, pk: int):
    report = access.report_for_editor(request.user, pk)
    version = request.POST.get("version", "")
    if not version.isdigit() or int(version) != report.version:
        messages.error(
            request,
            _("This report changed since you opened it; check it and submit again."),
        )
        return redirect("progress:report_edit", pk=report.pk)
    return _submit(request, report)


@login_required
@require_POST
def evidence_add(request, pk: int):
    report = access.report_for_editor(request.user, pk)
    form = EvidenceForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            evidence.evidence_add(
                user=request.user,
                report=report,
                title=form.cleaned_data["title"],
                upload=form.cleaned_data["upload"],
                url=form.cleaned_data["url"],
                is_public=form.cleaned_data["is_public"],
            )
        except ValidationError as error:
            _error_messages(request, error)
        else:
            messages.success(
                request,
                _("Evidence “%(title)s” added.")
                % {"title": form.cleaned_data["title"]},
            )
    else:
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            for message in errors:
                messages.error(
                    request,
                    _("%(label)s: %(error)s") % {"label": label, "error": message}
                    if label
                    else message,
                )
    return redirect(f"{_edit_url(report)}#evidence")


def _edit_url(report) -> str:
    return reverse("progress:report_edit", kwargs={"pk": report.pk})


@login_required
@require_POST
def evidence_remove(request, pk: int, evidence_id: int):
    report = access.report_for_editor(request.user, pk)
    item = get_object_or_404(report.evidence, pk=evidence_id)
    evidence.evidence_remove(user=request.user, evidence=item)
    messages.success(
        request, _("Evidence “%(title)s” removed.") % {"title": item.title}
    )
    return redirect(f"{_edit_url(report)}#evidence")


def evidence_download(request, pk: int, evidence_id: int):
    report = access.report_for_viewer(request.user, pk)
    items = report.evidence.all()
    if not access.can_view_private(request.user, report):
        items = items.filter(is_public=True)
    item = get_object_or_404(items, pk=evidence_id)
    if not item.file:
        raise Http404
    return FileResponse(
        item.file.open("rb"),
        as_attachment=True,
        filename=item.file.name.rsplit("/", 1)[-1],
        content_type=item.content_type or None,
    )


# --- Secretariat review ---------------------------------------------------------


def _require_secretariat(request) -> None:
    if not request.user.is_authenticated or not request.user.is_secretariat:
        raise Http404


@login_required
def review_queue(request):
    _require_secretariat(request)
    cycles = ReportingCycle.objects.all()
    filters = {
        "cycle": _chosen_cycle(request, cycles),
        "participant": participant_get(code=request.GET["participant"])
        if request.GET.get("participant")
        else None,
        "section": request.GET.get("section") or None,
        "status": request.GET.get("status") or None,
    }
    if filters["status"] and filters["status"] not in ProgressReport.Status.values:
        filters["status"] = None
    page = Paginator(selectors.review_queue(**filters), 50).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "progress/review_queue.html",
        {
            "page": page,
            "filters": filters,
            "cycles": cycles,
            "participants": participant_list(),
            "sections": Section.objects.all(),
            "statuses": ProgressReport.Status.choices,
            "query": request.GET.copy(),
        },
    )


@login_required
def review_detail(request, pk: int):
    report = access.report_for_reviewer(request.user, pk)
    if request.method == "POST":
        return _review_action(request, report)
    previous_report = selectors.previous_cycle_report(report)
    since, changes = history.changes_since_last_return(report)
    context = {
        "report": report,
        "answers": selectors.indicator_answers(report),
        "evidence_items": report.evidence.all(),
        "transitions": report.transitions.select_related("actor"),
        "version_history": history.version_history(report),
        "since_version": since,
        "changes": changes,
        "previous_report": previous_report,
        "cycle_changes": history.compare(previous_report, report, report=report)
        if previous_report
        else [],
        "return_form": ReturnForm(),
        "validate_form": ValidateForm(),
        "self_submitted": report.submitted_by_id == request.user.pk,
    }
    return render(request, "progress/review_detail.html", context)


def _review_action(request, report):
    action = request.POST.get("action")
    try:
        if action == "return":
            services.report_return(
                user=request.user,
                report=report,
                comment=request.POST.get("comment", ""),
            )
            messages.success(
                request, _("Report returned to the focal point with your comment.")
            )
        elif action == "validate":
            publish = request.POST.get("publish") == "on"
            services.report_validate(
                user=request.user,
                report=report,
                comment=request.POST.get("comment", ""),
                publish=publish,
            )
            messages.success(
                request,
                _("Report validated and published.")
                if publish
                else _("Report validated."),
            )
        elif action == "publish":
            services.report_publish(user=request.user, report=report)
            messages.success(request, _("Report published."))
        else:
            messages.error(request, _("Unknown action."))
    except (ValidationError, PermissionDenied) as error:
        _error_messages(request, error)
    return redirect("progress:review_detail", pk=report.pk)


# --- Public pages with progress -------------------------------------------------


def mandate_detail(request, number: int):
    mandate = mandate_get(number=number)
    previous, following = mandate_neighbours(mandate=mandate)
    cycles = selectors.cycles_with_published(mandate=mandate)
    cycle = _chosen_cycle(request, cycles) or cycles.first()
    return render(
        request,
        "mandates/mandate_detail.html",
        {
            "mandate": mandate,
            "previous": previous,
            "following": following,
            "cycles": cycles,
            "cycle": cycle,
            "reports": selectors.published_for_mandate(mandate=mandate, cycle=cycle)
            if cycle
            else [],
            "download_formats": FORMATS,
        },
    )


def participant_detail(request, code: str):
    participant = participant_get(code=code)
    cycles = selectors.cycles_with_published(participant=participant)
    cycle = _chosen_cycle(request, cycles) or cycles.first()
    return render(
        request,
        "accounts/participant_detail.html",
        {
            "participant": participant,
            "cycles": cycles,
            "cycle": cycle,
            "reports": selectors.published_for_participant(
                participant=participant, cycle=cycle
            )
            if cycle
            else [],
            "download_formats": FORMATS,
        },
    )
