"""The search results as a file: exactly the records, in the order, that the
search page shows for the same URL (same SearchFilters, same selector)."""

from django.utils.translation import gettext_lazy as _

from common.exports import Column, Table

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


INITIATIVE_COLUMNS = [
    Column("id", _("Initiative id"), _("Number of the initiative."), "integer"),
    Column(
        "status",
        _("Status"),
        _("proposed, agreed, in_progress, completed or cancelled."),
    ),
    Column("need_report_id", _("Report id"), _("The report that states the need.")),
    Column("need_participant_code", _("Participant code"), _("Who needs the help.")),
    Column("need_mandate", _("Mandate"), _("Number of the mandate."), "integer"),
    Column("need_cycle", _("Reporting cycle"), _("Cycle of the report.")),
    Column("capacity_id", _("Capacity id"), _("The capacity that answers."), "integer"),
    Column("capacity_title", _("Capacity"), _("Title of the capacity.")),
    Column(
        "capacity_participant_code",
        _("Offered by"),
        _("Code of the state or JSWG entity that offers the capacity."),
    ),
    Column("updated_at", _("Updated"), _("Last change (UTC)."), "datetime"),
]


def initiatives_table(initiatives) -> Table:
    """The public initiatives list as a file, in the list's own order."""
    return Table(
        name="cooperation-initiatives",
        title=str(_("Cooperation initiatives")),
        columns=INITIATIVE_COLUMNS,
        rows=(_initiative_row(i) for i in initiatives.iterator(CHUNK)),
        count=initiatives.count,
    )


def _initiative_row(initiative) -> dict:
    need, capacity = initiative.need, initiative.capacity
    return {
        "id": initiative.pk,
        "status": initiative.status,
        "need_report_id": need.pk,
        "need_participant_code": need.participant.code,
        "need_mandate": need.mandate.number,
        "need_cycle": need.cycle.name,
        "capacity_id": capacity.pk,
        "capacity_title": capacity.title,
        "capacity_participant_code": capacity.participant.code,
        "updated_at": initiative.updated_at,
    }
