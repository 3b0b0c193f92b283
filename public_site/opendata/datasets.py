"""The open datasets: one row per published report, one row per indicator value.

Rows stream from the database in chunks; names come from the reference tables
(cycles, participants, mandates, indicators), loaded once, whose size does not
depend on the number of reports.
"""

from dataclasses import dataclass

from django.conf import settings
from django.db.models import F, TextField, Value, Window
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast, Coalesce, Concat, RowNumber
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.models import Participant, name_sort_key
from common.exports import Column, Table
from common.exports.sql import IsoTime, Neutralised, neutralised_sql
from mandates.models import Indicator, Mandate
from progress import export_columns as shared
from progress.models import ProgressReport, ReportingCycle

CHUNK = 2000
UNKNOWN_INDICATOR = {"indicator_label": "", "indicator_kind": ""}


def published_reports():
    """Published reports in the order of every public list, page, file and API:
    newest cycle first, then states before JSWG entities, each by name in the
    active language, then by mandate."""
    return (
        ProgressReport.objects.published()
        .select_related("participant", "mandate__section", "cycle")
        .order_by(
            "-cycle__opens_on",
            "cycle_id",
            "-participant__kind",
            name_sort_key("participant__"),
            "participant__code",
            "mandate__number",
        )
    )


def in_export_order(reports):
    """The order of published_reports(), cheaper over a whole table: each
    participant's place (states first, by folded name, then code) is computed
    once over the participants table, and the reports are sorted by that place,
    instead of folding a participant's name again for every one of its
    thousands of reports (bench/export.py measured it as most of the query)."""
    return reports.order_by(*_export_ordering())


def _export_ordering() -> list:
    places = list(Participant.objects.by_name().values_list("pk", flat=True))
    place = RawSQL(
        'array_position(%s::bigint[], "progress_progressreport"."participant_id")',
        (places,),
    )
    return [
        F("cycle__opens_on").desc(),
        F("cycle_id").asc(),
        place.asc(),
        F("mandate__number").asc(),
    ]


class Reference:
    """Cycles, participants, mandates and indicators by id, each fetched once."""

    def __init__(self):
        self.cycle = {c.pk: c for c in ReportingCycle.objects.all()}
        self.participant = {p.pk: p for p in Participant.objects.all()}
        # Names in the active language, read once (a translated field's
        # descriptor costs more per row than writing the row).
        self.participant_cells = {
            p.pk: {
                "participant_code": p.code,
                "participant_name": p.name,
                "participant_kind": p.kind,
            }
            for p in self.participant.values()
        }
        self.mandate = {m.pk: m for m in Mandate.objects.with_section()}
        self.indicator = {
            i.code: i
            for i in Indicator.objects.order_by("mandate__number", "position", "code")
        }
        self.order = {code: index for index, code in enumerate(self.indicator)}
        self.indicator_cells = {
            code: {"indicator_label": i.label, "indicator_kind": i.kind}
            for code, i in self.indicator.items()
        }


def _text(key, label, description):
    return Column(key, label, description)


REPORT_COLUMNS = [
    shared.REPORT_ID,
    shared.CYCLE,
    shared.CYCLE_DUE_ON,
    shared.PARTICIPANT_CODE,
    shared.PARTICIPANT_NAME,
    shared.PARTICIPANT_KIND,
    shared.MANDATE_NUMBER,
    shared.SECTION,
    shared.IMPLEMENTATION_LEVEL,
    _text(
        "actions_taken",
        _("Actions taken"),
        _(
            "Laws, policies, programmes or measures adopted, in the "
            "participant's words."
        ),
    ),
    _text(
        "results",
        _("Results"),
        _("What the actions achieved, in the participant's words."),
    ),
    _text("challenges", _("Challenges"), _("What made progress difficult.")),
    _text("next_steps", _("Next steps"), _("What the participant plans to do next.")),
    shared.ASSISTANCE_TYPE,
    shared.ASSISTANCE_DESCRIPTION,
    shared.LANGUAGE,
    Column(
        "published_at",
        _("Published"),
        _("When the secretariat published the report (UTC)."),
        "datetime",
    ),
    Column(
        "url",
        _("Page"),
        _("Full address of the report's page on the portal."),
        "string",
    ),
]

VALUE_COLUMNS = [
    shared.REPORT_ID,
    shared.CYCLE,
    shared.PARTICIPANT_CODE,
    shared.PARTICIPANT_KIND,
    shared.MANDATE_NUMBER,
    Column(
        "indicator_code",
        _("Indicator"),
        _("Code of the indicator, stable across cycles (for example 13.1)."),
    ),
    Column(
        "indicator_label",
        _("Question"),
        _("What the indicator asks, in the language of the download."),
    ),
    Column(
        "indicator_kind",
        _("Kind of answer"),
        _("boolean, number, percentage, choice or text."),
    ),
    Column(
        "value",
        _("Value"),
        _(
            "The answer: true or false, a number, a percentage from 0 to 100, "
            "the value of a choice, or a short text."
        ),
        "any",
    ),
]


def _report_rows(reports):
    """Tuples in the order of REPORT_COLUMNS: the reference cells of a cycle, a
    participant and a mandate are made once, then each row is one tuple."""
    ref = Reference()
    cycle = {pk: (c.name, c.due_on) for pk, c in ref.cycle.items()}
    participant = {
        pk: (c["participant_code"], c["participant_name"], c["participant_kind"])
        for pk, c in ref.participant_cells.items()
    }
    mandate = {
        pk: (m.number, m.section.code if m.section else "")
        for pk, m in ref.mandate.items()
    }
    # One reverse() for all rows: "https://…/en/reports/{}/" in the active
    # language, absolute (PORTAL_URL), as in every download of the portal.
    before, after = reverse("progress:report_detail", args=[0]).rsplit("0", 1)
    before = settings.PORTAL_URL + before
    fields = (
        "pk", "cycle_id", "participant_id", "mandate_id", "implementation_level",
        "actions_taken", "results", "challenges", "next_steps", "assistance_type",
        "assistance_description", "language", "published_at",
    )  # fmt: skip
    for (
        pk, cycle_id, participant_id, mandate_id, level, actions, results,
        challenges, next_steps, assistance, description, language, published_at,
    ) in reports.values_list(*fields).iterator(chunk_size=CHUNK):  # fmt: skip
        yield (
            pk,
            *cycle[cycle_id],
            *participant[participant_id],
            *mandate[mandate_id],
            level,
            actions,
            results,
            challenges,
            next_steps,
            assistance,
            description,
            language,
            published_at,
            f"{before}{pk}{after}",
        )


def _report_select(reports) -> tuple[str, tuple]:
    """The rows of _report_rows() as CSV text computed by PostgreSQL, for COPY
    (common.exports.sql): the same cells, text neutralised the same way;
    tests/public_site/test_opendata_copy.py compares the two."""
    # Names in the active language, as the Python rows take them (Reference).
    ids, names = [], []
    for participant in Participant.objects.all():
        ids.append(participant.pk)
        names.append(participant.name)
    name = RawSQL(
        "(%s::text[])[array_position(%s::bigint[], "
        '"progress_progressreport"."participant_id")]',
        (names, ids),
    )
    before, after = reverse("progress:report_detail", args=[0]).rsplit("0", 1)
    texts = (
        "implementation_level", "actions_taken", "results", "challenges",
        "next_steps", "assistance_type", "assistance_description", "language",
    )  # fmt: skip
    return reports.values_list(
        "pk",
        Neutralised(F("cycle__name")),
        "cycle__due_on",
        Neutralised(F("participant__code")),
        Neutralised(name),
        Neutralised(F("participant__kind")),
        "mandate__number",
        Neutralised(Coalesce(F("mandate__section__code"), Value(""))),
        *(Neutralised(F(field)) for field in texts),
        IsoTime(F("published_at")),
        Concat(
            Value(settings.PORTAL_URL + before),
            Cast("pk", TextField()),
            Value(after),
            output_field=TextField(),
        ),
    ).query.sql_with_params()


def _value_select(reports) -> tuple[str, tuple]:
    """The rows of _value_rows() as CSV text computed by PostgreSQL, for COPY:
    one row per answer (jsonb_each), reports in the export's order, answers in
    the order of the indicators (unknown codes last, by code), labels in the
    active language; tests/public_site/test_opendata_copy.py compares the two."""
    ref = Reference()
    codes = list(ref.indicator_cells)
    labels = [ref.indicator_cells[code]["indicator_label"] for code in codes]
    kinds = [ref.indicator_cells[code]["indicator_kind"] for code in codes]
    inner, params = (
        reports.order_by()
        .annotate(place_in_export=Window(RowNumber(), order_by=_export_ordering()))
        .values_list(
            "pk",
            "cycle__name",
            "participant__code",
            "participant__kind",
            "mandate__number",
            "indicator_values",
            "place_in_export",
        )
        .query.sql_with_params()
    )
    value = "v.value #>> '{}'"
    sql = f"""
        WITH ref AS (
            SELECT * FROM unnest(%s::text[], %s::text[], %s::text[])
                          WITH ORDINALITY AS t(code, label, kind, at)
        )
        SELECT r.pk, {neutralised_sql("r.cycle")}, {neutralised_sql("r.code")},
               {neutralised_sql("r.kind")}, r.number, {neutralised_sql("v.key")},
               {neutralised_sql("ref.label")},
               {neutralised_sql("ref.kind")},
               CASE WHEN jsonb_typeof(v.value) = 'string'
                    THEN {neutralised_sql(value)} ELSE {value} END
        FROM ({inner}) AS r(pk, cycle, code, kind, number, answers, place)
        CROSS JOIN LATERAL jsonb_each(r.answers) AS v
        LEFT JOIN ref ON ref.code = v.key
        ORDER BY r.place, coalesce(ref.at, %s), v.key COLLATE "C"
    """  # noqa: S608 - code and fragments of this module; every value is a parameter
    return sql, (codes, labels, kinds, *params, len(codes) + 1)


def _value_rows(reports):
    """Tuples in the order of VALUE_COLUMNS, one per answer, in the order of
    the indicators."""
    ref = Reference()
    cycle = {pk: c.name for pk, c in ref.cycle.items()}
    participant = {
        pk: (cells["participant_code"], cells["participant_kind"])
        for pk, cells in ref.participant_cells.items()
    }
    mandate = {pk: m.number for pk, m in ref.mandate.items()}
    indicator = {
        code: (cells["indicator_label"], cells["indicator_kind"])
        for code, cells in ref.indicator_cells.items()
    }
    unknown = (
        UNKNOWN_INDICATOR["indicator_label"],
        UNKNOWN_INDICATOR["indicator_kind"],
    )
    last = len(ref.order)
    order = ref.order.get

    def position(code):
        return (order(code, last), code)

    fields = ("pk", "cycle_id", "participant_id", "mandate_id", "indicator_values")
    for pk, cycle_id, participant_id, mandate_id, values in reports.values_list(
        *fields
    ).iterator(chunk_size=CHUNK):
        code_of, kind = participant[participant_id]
        head = (pk, cycle[cycle_id], code_of, kind, mandate[mandate_id])
        for code in sorted(values, key=position):
            yield (*head, code, *indicator.get(code, unknown), values[code])


@dataclass(frozen=True)
class Dataset:
    key: str
    title: str
    description: str
    columns: list[Column]

    def table(self, reports=None) -> Table:
        reports = published_reports() if reports is None else reports
        builder = _report_rows if self.key == "reports" else _value_rows
        ordered = in_export_order(reports)
        return Table(
            name=self.key,
            title=self.title,
            columns=self.columns,
            rows=builder(ordered),
            count=reports.count,
            sequences=True,
            copy=lambda: (_report_select if self.key == "reports" else _value_select)(
                ordered
            ),
        )


DATASETS = {
    "reports": Dataset(
        "reports",
        _("Published progress reports"),
        _(
            "One row per published report: who reported on which mandate in "
            "which cycle, the implementation level and what was done."
        ),
        REPORT_COLUMNS,
    ),
    "indicator-values": Dataset(
        "indicator-values",
        _("Indicator values"),
        _("One row per answer to an indicator in a published report."),
        VALUE_COLUMNS,
    ),
}
