import functools

from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.views import defaults
from django.views.decorators.cache import never_cache
from rest_framework.exceptions import NotFound

from accounts.selectors import participant_figures
from common.counts import count_statement, run_counts
from common.pagecache import public_page
from good_practices.models import Contribution
from mandates.selectors import commitment_figures
from progress.models import ProgressReport


@functools.cache
def _figures_statement(language: str):
    """The home page's seven totals as one statement, built once per process
    and language. Nothing in its querysets depends on the request, the time or
    the data (only their results do), and building them through the ORM took
    longer than running the statement."""
    return count_statement(
        **commitment_figures(),
        **participant_figures(),
        published_reports=ProgressReport.objects.published(),
        good_practices=Contribution.objects.published().practices(),
    )


@public_page
def home(request):
    figures = run_counts(_figures_statement(get_language()))
    return render(request, "home.html", {"figures": figures})


def _database_answers() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:
        return False


def _redis_answers() -> bool:
    """The default cache fails open (common.cache): when Redis does not answer,
    the write is skipped and the read misses, so this says False within its
    short timeout."""
    try:
        cache.set("healthz", "ok", timeout=10)
        return cache.get("healthz") == "ok"
    except Exception:
        return False


@never_cache
def healthz(request):
    checks = {"database": _database_answers(), "redis": _redis_answers()}
    healthy = all(checks.values())
    return JsonResponse(
        {
            "status": "ok" if healthy else "error",
            **{k: "ok" if v else "error" for k, v in checks.items()},
        },
        status=200 if healthy else 503,
    )


def not_found(request, exception):
    """Under /api/, a 404 in JSON, as DRF's own: an address that matches no
    route (a letter where the id goes) is the same error for an API client."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": str(NotFound.default_detail)}, status=404)
    return defaults.page_not_found(request, exception)
