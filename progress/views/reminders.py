"""The secretariat's record of the reminders and digests sent."""

from django.conf import settings
from django.core.paginator import Paginator
from django.shortcuts import render

from accounts.access import secretariat_required
from common.params import chosen

from ..models import ReportingCycle
from ..reminders import selectors

# The digests are one a day per person: the latest fortnight or so is enough
# to see that they go out.
DIGESTS_SHOWN = 30


@secretariat_required
def reminder_log(request):
    cycles = ReportingCycle.objects.all()
    cycle = chosen(cycles, request.GET, "cycle")
    page = Paginator(selectors.reminder_log(cycle=cycle), 50).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "progress/reminder_log.html",
        {
            "page": page,
            "cycles": cycles,
            "cycle": cycle,
            "digests": selectors.review_digest_log()[:DIGESTS_SHOWN],
            "days_before_due": ", ".join(map(str, settings.REMINDER_DAYS_BEFORE_DUE)),
        },
    )
