"""What the standard kinds share: reference data fetched once, and the walk
over every (cycle, participant) with its reports, streamed in order."""

from itertools import groupby

from progress import export_columns as shared

from ..params import ReportParams

CHUNK = 2000
PARTICIPANT_COLUMNS = [
    shared.PARTICIPANT_CODE,
    shared.PARTICIPANT_NAME,
    shared.PARTICIPANT_KIND,
]


def participant_cells(participant) -> dict:
    return {
        "participant_code": participant.code,
        "participant_name": participant.name,
        "participant_kind": participant.kind,
    }


class Lookups:
    """Reference data of the report, fetched once, so rows need no joins."""

    def __init__(self, params: ReportParams):
        self.cycles = list(params.cycles())
        self.participants = list(params.participants())
        self.mandates = list(params.mandates())
        self.cycle = {c.pk: c for c in self.cycles}
        self.participant = {p.pk: p for p in self.participants}
        # Translated names read once, not once per row.
        self.participant_cells = {p.pk: participant_cells(p) for p in self.participants}
        self.mandate = {m.pk: m for m in self.mandates}

    def narrow(self, reports):
        return reports.filter(
            cycle_id__in=self.cycle,
            participant_id__in=self.participant,
            mandate_id__in=self.mandate,
        )


def by_cycle_and_participant(reports, lookups: Lookups, fields):
    """Every (cycle, participant) of the lookups, in their order, with its reports."""
    reports = (
        lookups.narrow(reports)
        .order_by(
            "cycle__opens_on",
            "cycle_id",
            "participant__kind",
            "participant__code",
            "mandate__number",
        )
        .values(*fields)
        .iterator(chunk_size=CHUNK)
    )
    groups = groupby(reports, key=lambda r: (r["cycle_id"], r["participant_id"]))
    pending = next(groups, None)
    for cycle in lookups.cycles:
        for participant in lookups.participants:
            reports_here = []
            if pending and pending[0] == (cycle.pk, participant.pk):
                reports_here = list(pending[1])  # at most 57: one per mandate
                pending = next(groups, None)
            yield cycle, participant, reports_here


def per_cycle_and_participant_count(params: ReportParams) -> int:
    return params.cycles().count() * params.participants().count()
