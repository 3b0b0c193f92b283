"""The secretariat's indicator reports: ask, watch the progress, download."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from accounts.access import secretariat_required

from . import access, selectors, services
from .forms import ReportRequestForm
from .models import ReportJob


@secretariat_required
def report_jobs(request):
    # A worker that died leaves its job "running"; say so as soon as anyone looks.
    services.report_jobs_reap()
    if request.method == "POST":
        form = ReportRequestForm(request.POST)
        if form.is_valid():
            return _request(request, form)
    else:
        form = ReportRequestForm()
    page = Paginator(selectors.report_jobs(), 20).get_page(request.GET.get("page"))
    return render(
        request,
        "indicator_reports/report_job_list.html",
        {"form": form, "page": page, "jobs": selectors.describe_jobs(page)},
        status=400 if form.errors else 200,
    )


def _request(request, form):
    try:
        job = services.report_job_request(
            user=request.user,
            kind=form.cleaned_data["kind"],
            fmt=form.cleaned_data["format"],
            params=form.params(),
            language=get_language(),
        )
    except (ValidationError, PermissionDenied) as error:
        for message in getattr(error, "messages", [str(error)]):
            messages.error(request, message)
        return redirect("indicator_reports:report_jobs")
    job.refresh_from_db()  # handed to the worker when the request committed
    if job.failure == ReportJob.Failure.NOT_QUEUED:
        messages.error(
            request,
            _(
                "The job queue does not answer, so no worker can take this report "
                "now: it is marked failed. Run it again once the queue answers."
            ),
        )
    else:
        messages.success(request, _("Your report is on its way; it appears below."))
    return redirect("indicator_reports:report_job_detail", pk=job.pk)


@secretariat_required
def report_job_detail(request, pk: int):
    services.report_jobs_reap()
    job = access.report_job_for_viewer(request.user, pk)
    return render(
        request,
        "indicator_reports/report_job_detail.html",
        {"job": job, **selectors.describe_jobs([job])[0]},
    )


@never_cache
@secretariat_required
def report_job_status(request, pk: int):
    """What the progress bar polls."""
    services.report_jobs_reap()
    job = access.report_job_for_viewer(request.user, pk)
    return JsonResponse(status_payload(job))


def status_payload(job: ReportJob) -> dict:
    return {
        "id": job.pk,
        "status": job.status,
        "status_label": str(job.get_status_display()),
        "rows_done": job.rows_done,
        "rows_total": job.rows_total,
        "percent": job.percent,
        "finished": job.is_finished,
        "failure": str(job.get_failure_display()) if job.failure else "",
        "download_url": reverse("indicator_reports:report_job_download", args=[job.pk])
        if job.status == ReportJob.Status.SUCCEEDED
        else "",
    }


@login_required
def report_job_download(request, pk: int):
    job = access.report_job_for_viewer(request.user, pk)
    if job.status != ReportJob.Status.SUCCEEDED or not job.file:
        raise Http404
    return FileResponse(
        job.file.open("rb"), as_attachment=True, filename=job.download_name
    )


@login_required
@require_POST
def report_job_rerun(request, pk: int):
    job = access.report_job_for_runner(request.user, pk)
    try:
        again = services.report_job_rerun(user=request.user, job=job)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect("indicator_reports:report_job_detail", pk=job.pk)
    messages.success(request, _("The report runs again with the same parameters."))
    return redirect("indicator_reports:report_job_detail", pk=again.pk)
