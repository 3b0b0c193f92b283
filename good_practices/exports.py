"""The search results as a file: exactly the records, in the order, that the
search page shows for the same URL (same SearchFilters, same selector)."""

from django.utils.translation import gettext_lazy as _

from progress.exports import Column, Table

from .search import SearchFilters, search_results

CHUNK = 500
COLUMNS = [
    Column("id", _("Record id"), _("Number of the record in the portal."), "integer"),
    Column("kind", _("Kind of record"), _("practice or capacity.")),
    Column("title", _("Title"), _("The record's title, in its own language.")),
    Column("summary", _("Summary"), _("The record's summary, in its own language.")),
    Column(
        "participant_code",
        _("Participant code"),
        _("ISO 3166 alpha-3 code of the state, or the JSWG entity's code."),
    ),
    Column("participant_name", _("Participant"), _("Who shares or offers it.")),
    Column(
        "mandates",
        _("Mandates"),
        _("Numbers of the mandates it serves, separated by spaces."),
    ),
    Column(
        "support_type",
        _("Type of support"),
        _(
            "For a capacity: training, technical_assistance, tools, funding or "
            "expert_exchange; empty for a practice."
        ),
    ),  # fmt: skip
    Column("language", _("Language"), _("Language of the record: en, es, pt or fr.")),
    Column(
        "published_at", _("Published"), _("When it was published (UTC)."), "datetime"
    ),
    Column("url", _("Address"), _("Its page on the portal.")),
]


def search_table(filters: SearchFilters, *, base_url: str) -> Table:
    records = search_results(filters)
    return Table(
        name="good-practices",
        title=str(_("Good practices and regional capacities")),
        columns=COLUMNS,
        rows=(_row(record, base_url) for record in records.iterator(CHUNK)),
        count=records.count,
    )


def _row(record, base_url: str) -> dict:
    capacity = record.specific if not record.is_practice else None
    return {
        "id": record.pk,
        "kind": record.kind,
        "title": record.title,
        "summary": record.summary,
        "participant_code": record.participant.code,
        "participant_name": record.participant.name,
        "mandates": " ".join(str(m.number) for m in record.mandates.all()),
        "support_type": capacity.support_type if capacity else "",
        "language": record.language,
        "published_at": record.published_at,
        "url": base_url + record.get_absolute_url(),
    }
