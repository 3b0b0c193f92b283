"""Reads of report jobs for the secretariat's pages."""

from progress.models import ReportingCycle

from . import registry
from .models import ReportJob
from .params import ReportParams


def report_jobs():
    """Every job, newest first, with who asked for it (one join)."""
    return ReportJob.objects.select_related("requested_by").order_by(
        "-created_at", "-pk"
    )


def describe_jobs(jobs) -> list[dict]:
    """Jobs with their kind's title and parameters in words, in two queries."""
    cycle_names = dict(ReportingCycle.objects.values_list("pk", "name"))
    described = []
    for job in jobs:
        described.append(
            {
                "job": job,
                "title": kind_title(job.kind),
                "parameters": ReportParams.from_json(job.parameters).describe(
                    cycle_names
                ),
            }
        )
    return described


def kind_title(key: str) -> str:
    try:
        return registry.get(key).title
    except registry.UnknownReportKind:
        return key
