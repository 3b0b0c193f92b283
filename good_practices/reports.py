"""Report (d) of the secretariat's indicator reports: each technical-assistance
need with the regional capacities matched to it and the cooperation initiatives
recorded on it. progress owns the report; these columns come from here through
progress.reports.registry.extend, so progress never imports good_practices.
"""

from django.utils.translation import gettext_lazy as _

from common.exports import Column
from progress.models import ProgressReport

from .models import CooperationInitiative
from .selectors import capacities_for_needs

MATCHES_PER_NEED = 3
COLUMNS = [
    Column(
        "matched_capacities",
        _("Matched capacities"),
        _(
            "Up to three published regional capacities that fit the need best: "
            "same mandate first, then same type of support, then closest text. "
            "Each as “title (offered by)”, separated by “; ”."
        ),
    ),
    Column(
        "cooperation_initiatives",
        _("Cooperation initiatives"),
        _(
            "Initiatives the secretariat recorded on this need, each as "
            "“capacity title [status code]”, separated by “; ”."
        ),
    ),
]


def add_matches(rows: list[dict], params) -> None:
    """Fill the two columns for one chunk of need rows, in a few queries."""
    ids = [row["report_id"] for row in rows]
    needs = ProgressReport.objects.filter(pk__in=ids).only(
        "pk", "mandate_id", "assistance_type", "assistance_description"
    )
    fits = capacities_for_needs(needs, per_need=MATCHES_PER_NEED)
    initiatives: dict[int, list[str]] = {}
    for initiative in (
        CooperationInitiative.objects.filter(need_id__in=ids)
        .select_related("capacity")
        .order_by("created_at", "pk")
    ):
        initiatives.setdefault(initiative.need_id, []).append(
            f"{initiative.capacity.title} [{initiative.status}]"
        )
    for row in rows:
        matched = fits.get(row["report_id"], [])
        row["matched_capacities"] = "; ".join(
            f"{capacity.title} ({capacity.participant.name})"
            for capacity, _fit in matched
        )
        row["cooperation_initiatives"] = "; ".join(
            initiatives.get(row["report_id"], [])
        )
