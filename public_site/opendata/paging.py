"""Pages of the published reports without sorting all of them.

The public order (datasets.published_reports) is: newest cycle first, states
before JSWG entities, each by name in the asked language, then by mandate. A
page of it used to cost a join and a sort of every published report, with the
participant's name folded again for each one (131 ms of a 205 ms page at 3,900
reports). The order only depends on a report's cycle, participant and mandate,
and a (cycle, participant) pair holds at most one report per mandate, so:

- one GROUP BY counts the reports of each (cycle, participant) pair;
- the pairs are put in order in Python, by the cycles' and participants' own
  order (read from their small tables);
- a page sorts the keys of the reports of the few pairs it overlaps, then
  reads only its own reports.

The count of the whole list is the sum of the pairs' counts; nothing reads all
the reports' rows.
"""

from bisect import bisect_right
from collections import defaultdict
from functools import cached_property
from itertools import accumulate
from types import SimpleNamespace

from django.conf import settings
from django.db.models import Count, Q

from accounts.models import Participant
from accounts.selectors import participant_rows
from common.api_fast import translated
from common.statements import FixedRead, fixed_read, id_array
from progress.models import ProgressReport, PublishedLevel

# Query parameters that choose a page or a format, not which reports.
NOT_FILTERS = {"page", "format"}


def unfiltered(query) -> bool:
    """Whether a query string asks for all the published reports: nothing in
    it but a page or a format (any filter, even empty, takes the general
    path)."""
    return set(query) <= NOT_FILTERS


class PublishedReportSequence:
    """Filtered published reports in the public order, as Django's Paginator
    and DRF's pagination read a list: count() and slices."""

    def __init__(self, reports, *, unfiltered: bool = False):
        """`unfiltered`: `reports` are all the published reports, whose groups
        are counted from the narrow summary table kept by the publications'
        trigger (progress.aggregates: a row per published report) instead."""
        self.reports = reports.order_by()
        self.unfiltered = unfiltered

    @cached_property
    def _groups(self) -> tuple[list[tuple[int, int, int]], list[int]]:
        participant_place = {
            row.id: place for place, row in enumerate(participant_rows())
        }
        if self.unfiltered:
            counts = [
                (r["cycle_id"], r["participant_id"], r["cycle__opens_on"], r["n"])
                for r in _published_groups()
            ]
        else:
            counts = self.reports.values_list(
                "cycle_id", "participant_id", "cycle__opens_on"
            ).annotate(n=Count("pk"))
        # Newest cycle first (the cycle's id breaks a tie), then the
        # participants' order.
        groups = sorted(
            counts,
            key=lambda g: (-g[2].toordinal(), g[0], participant_place[g[1]]),
        )
        groups = [(cycle, participant, n) for cycle, participant, _, n in groups]
        starts = [0, *accumulate(n for _, _, n in groups)]
        return groups, starts

    def count(self) -> int:
        return self._groups[1][-1]

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index):
        if not isinstance(index, slice) or index.step not in (None, 1):
            raise TypeError("PublishedReportSequence takes slices with no step.")
        groups, starts = self._groups
        start, stop, _ = index.indices(starts[-1])
        if start >= stop:
            return []
        first = bisect_right(starts, start) - 1
        last = bisect_right(starts, stop - 1) - 1
        # One condition per cycle rather than per pair: the ORM took 1.3 ms to
        # build the nine pairs of a page of 100.
        by_cycle = defaultdict(list)
        for cycle_id, participant_id, _ in groups[first : last + 1]:
            by_cycle[cycle_id].append(participant_id)
        pairs = Q()
        for cycle_id, participants in by_cycle.items():
            pairs |= Q(cycle_id=cycle_id, participant_id__in=participants)
        # The keys of those pairs' reports first (tuples, no models), then only
        # the page's own reports, whole.
        place = {(c, p): i for i, (c, p, _) in enumerate(groups)}
        keys = sorted(
            self.reports.filter(pairs).values_list(
                "cycle_id", "participant_id", "mandate__number", "pk"
            ),
            key=lambda k: (place[k[0], k[1]], k[2]),
        )
        skip = start - starts[first]
        ids = [k[3] for k in keys[skip : skip + stop - start]]
        rows = {row.id: row for row in self.read(ids)}
        return [rows[pk] for pk in ids if pk in rows]

    def read(self, ids: list[int]):
        """The reports of `ids`, in any order: objects with the reports'
        attributes (models here; rows in PublishedReportRows)."""
        return self.reports.filter(pk__in=ids)


REPORT_COLUMNS = (
    "id",
    "cycle_id",
    "participant_id",
    "mandate_id",
    *ProgressReport.CONTENT_FIELDS,
    "indicator_values",
    "published_at",
)
NAMES = [f"name_{code}" for code, _name in settings.LANGUAGES]
RELATED = (
    "cycle__name",
    "participant__code",
    "participant__kind",
    *(f"participant__{name}" for name in NAMES),
    "mandate__number",
    "mandate__section__code",
)
# What the page of reports shows of a report itself.
LISTED_COLUMNS = (
    "id",
    "cycle_id",
    "participant_id",
    "mandate_id",
    "implementation_level",
    "published_at",
)


class PublishedReportRows(PublishedReportSequence):
    """The sequence's pages read as rows rather than model instances.

    A page of 100 reports with their cycle, participant, mandate and section
    made 500 instances, at some 30 µs each; a row is a namespace with the same
    attribute names, and a page's few participants, cycles and mandates are
    shared between its reports. The serializer reads rows and instances alike
    (tests/lima_portal/test_api_fast.py compares them), and so do the rows of
    the page of reports (public_site.markup), which read fewer `columns`.
    """

    def __init__(
        self,
        reports,
        columns: tuple[str, ...] = REPORT_COLUMNS,
        *,
        unfiltered: bool = False,
    ):
        super().__init__(reports, unfiltered=unfiltered)
        self.columns = columns

    def read(self, ids):
        # The page's reports by id, still published (one may have been
        # withdrawn since its key was read), through a fixed statement.
        shared = {}  # the page's few participants, cycles and mandates, once each
        return [self._row(values, shared) for values in _reader(self.columns)(ids=ids)]

    def _row(self, values: dict, shared: dict) -> SimpleNamespace:
        report = SimpleNamespace(**{name: values[name] for name in self.columns})
        report.pk = report.id
        report.participant = _once(
            shared, ("participant", report.participant_id), _participant_row, values
        )
        report.cycle = _once(shared, ("cycle", report.cycle_id), _cycle_row, values)
        report.mandate = _once(
            shared, ("mandate", report.mandate_id), _mandate_row, values
        )
        return report


@fixed_read()
def _published_groups():
    return (
        PublishedLevel.objects.values("cycle_id", "participant_id", "cycle__opens_on")
        .annotate(n=Count("pk"))
        .order_by()
    )


_READERS: dict[tuple[str, ...], FixedRead] = {}


def _reader(columns: tuple[str, ...]) -> FixedRead:
    if columns not in _READERS:
        _READERS[columns] = FixedRead(
            lambda ids: ProgressReport.objects.published()
            .filter(pk__in=id_array(ids))
            .order_by()
            .values(*columns, *RELATED),
            arrays=("ids",),
        )
    return _READERS[columns]


def _once(shared: dict, key, make, values):
    if key not in shared:
        shared[key] = make(values)
    return shared[key]


def _cycle_row(values) -> SimpleNamespace:
    return SimpleNamespace(name=values["cycle__name"])


def _mandate_row(values) -> SimpleNamespace:
    code = values["mandate__section__code"]
    return SimpleNamespace(
        number=values["mandate__number"],
        section=None if code is None else SimpleNamespace(code=code),
    )


def _participant_row(row) -> SimpleNamespace:
    participant = SimpleNamespace(
        code=row["participant__code"],
        kind=row["participant__kind"],
        **{name: row[f"participant__{name}"] for name in NAMES},
    )
    participant.name = translated(Participant, "name", participant)
    return participant
