"""The parameters of an indicator report, as stored with its job."""

from dataclasses import asdict, dataclass

from django.db.models import Q
from django.utils.translation import gettext as _

from accounts.models import Participant
from mandates.models import Mandate
from progress.models import ProgressReport, ReportingCycle

Status = ProgressReport.Status
DEFAULT_STATUSES = (
    Status.SUBMITTED,
    Status.RETURNED,
    Status.VALIDATED,
    Status.PUBLISHED,
)


@dataclass(frozen=True)
class ReportParams:
    """Which reports a report covers. Empty choices mean "all".

    `participant_group` is "all", "state", "jswg" or "chosen" (then
    `participant_codes` lists them). Mandates are those of the chosen sections
    together with the chosen mandates.
    """

    cycle_ids: tuple[int, ...] = ()
    participant_group: str = "all"
    participant_codes: tuple[str, ...] = ()
    section_codes: tuple[str, ...] = ()
    mandate_numbers: tuple[int, ...] = ()
    statuses: tuple[str, ...] = tuple(DEFAULT_STATUSES)

    @classmethod
    def from_json(cls, data: dict) -> "ReportParams":
        fields = cls.__dataclass_fields__
        return cls(
            **{
                key: tuple(value) if isinstance(value, list) else value
                for key, value in data.items()
                if key in fields
            }
        )

    def to_json(self) -> dict:
        return {
            key: list(value) if isinstance(value, tuple) else value
            for key, value in asdict(self).items()
        }

    # --- What they select ---------------------------------------------------------

    def cycles(self):
        cycles = ReportingCycle.objects.order_by("opens_on", "pk")
        return cycles.filter(pk__in=self.cycle_ids) if self.cycle_ids else cycles

    def participants(self):
        participants = Participant.objects.order_by("kind", "code")
        if self.participant_group == "chosen":
            return participants.filter(code__in=self.participant_codes)
        if self.participant_group in (Participant.Kind.STATE, Participant.Kind.JSWG):
            return participants.filter(kind=self.participant_group)
        return participants

    def mandates(self):
        mandates = Mandate.objects.with_section().order_by("number")
        if not (self.section_codes or self.mandate_numbers):
            return mandates
        return mandates.filter(
            Q(section__code__in=self.section_codes) | Q(number__in=self.mandate_numbers)
        )

    def reports(self):
        """The reports covered, unordered and without joins: callers add them."""
        reports = ProgressReport.objects.filter(status__in=self.statuses)
        if self.cycle_ids:
            reports = reports.filter(cycle_id__in=self.cycle_ids)
        if self.participant_group != "all":
            reports = reports.filter(participant__in=self.participants())
        if self.section_codes or self.mandate_numbers:
            reports = reports.filter(mandate__in=self.mandates())
        return reports

    # --- What people read -----------------------------------------------------------

    def describe(self, cycle_names: dict | None = None) -> list[tuple[str, str]]:
        """The parameters in words; a list of jobs passes the names of cycles."""
        everything = _("all")
        if cycle_names is None:
            cycle_names = dict(self.cycles().values_list("pk", "name"))
        cycles = ", ".join(cycle_names.get(pk, f"#{pk}") for pk in self.cycle_ids)
        groups = {
            "all": everything,
            Participant.Kind.STATE: _("states"),
            Participant.Kind.JSWG: _("JSWG entities"),
            "chosen": ", ".join(self.participant_codes),
        }
        mandates = [_("section %(code)s") % {"code": c} for c in self.section_codes]
        mandates += [str(number) for number in self.mandate_numbers]
        labels = dict(Status.choices)
        return [
            (_("Cycles"), cycles or everything),
            (_("Participants"), groups.get(self.participant_group, everything)),
            (_("Mandates"), ", ".join(mandates) or everything),
            (_("Statuses"), ", ".join(str(labels[s]) for s in self.statuses)),
        ]
