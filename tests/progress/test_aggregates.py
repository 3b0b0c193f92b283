"""The dashboards' summary tables (progress.models.aggregates) equal a
computation from the reports after any sequence of writes: the workflow's
services (submit, return, validate, publish), edits and unpublications of
published reports, reports created, moved and deleted."""

import io
import random

import pytest
from django.core.management import call_command

from accounts.models import Participant
from mandates.models import Mandate
from progress import services
from progress.aggregates import (
    aggregates_drift,
    aggregates_from_reports,
    aggregates_rebuild,
    aggregates_stored,
)
from progress.models import (
    ImplementationLevel,
    ProgressReport,
    PublishedLevel,
    PublishedLevelCount,
)
from tests.factories import MembershipFactory, ProgressReportFactory

pytestmark = pytest.mark.django_db
Status = ProgressReport.Status
LEVELS = [*ImplementationLevel.values, ""]
NO_DRIFT = {"cells": 0, "counts": 0}


class World:
    """Reports of ARG, BRA and OAS on a few mandates in two cycles, changed by
    random steps; `mandate` (40) is the one the services fill completely."""

    def __init__(self, rng, *, cycles, mandate, focals, secretariat, answers):
        self.rng, self.cycles, self.mandate = rng, cycles, mandate
        self.focals, self.secretariat, self.answers = focals, secretariat, answers
        self.participants = list(Participant.objects.filter(code__in=["ARG", "OAS"]))
        self.mandates = list(Mandate.objects.filter(number__in=[1, 2, 13, 25]))
        self.log: list[str] = []

    # --- Through the workflow's services (mandate 40, the open cycle) ----------

    def workflow(self):
        participant = self.rng.choice(list(self.focals))
        focal = self.focals[participant]
        report, _ = services.report_start(
            user=focal, participant=participant, mandate=self.mandate,
            cycle=self.cycles[0],
        )  # fmt: skip
        if report.status in (Status.DRAFT, Status.RETURNED):
            level = self.rng.choice(ImplementationLevel.values)
            report = services.report_update(
                user=focal, report=report, version=report.version,
                content={"implementation_level": level, "actions_taken": "Done."},
                indicators=self.answers,
            )  # fmt: skip
            services.report_submit(user=focal, report=report, version=report.version)
        elif report.status == Status.SUBMITTED:
            choice = self.rng.choice(["return", "validate", "publish"])
            if choice == "return":
                services.report_return(
                    user=self.secretariat, report=report, comment="Attach the law."
                )
            else:
                services.report_validate(
                    user=self.secretariat, report=report, publish=choice == "publish"
                )
        elif report.status == Status.VALIDATED:
            services.report_publish(user=self.secretariat, report=report)
        self.log.append(f"workflow {participant.code}: {report.status}")

    # --- Writes outside the workflow: the trigger sees them too -----------------

    def _free_cell(self):
        taken = set(
            ProgressReport.objects.values_list("participant", "mandate", "cycle")
        )
        for _ in range(20):
            cell = (
                self.rng.choice(self.participants),
                self.rng.choice(self.mandates),
                self.rng.choice(self.cycles),
            )
            if (cell[0].pk, cell[1].pk, cell[2].pk) not in taken:
                return cell
        return None

    def _some(self, **filters):
        reports = list(
            ProgressReport.objects.exclude(mandate=self.mandate)
            .filter(**filters)
            .order_by("pk")
        )
        return self.rng.choice(reports) if reports else None

    def create(self):
        cell = self._free_cell()
        if cell:
            status = self.rng.choice(Status.values)
            ProgressReportFactory(
                participant=cell[0], mandate=cell[1], cycle=cell[2], status=status,
                implementation_level=self.rng.choice(LEVELS),
            )  # fmt: skip
            self.log.append(f"create {status}")

    def edit_published(self):
        report = self._some(status=Status.PUBLISHED)
        if report:
            report.implementation_level = self.rng.choice(LEVELS)
            report.save()
            self.log.append(f"edit {report.pk} to {report.implementation_level!r}")

    def unpublish(self):
        report = self._some(status=Status.PUBLISHED)
        if report:
            ProgressReport.objects.filter(pk=report.pk).update(
                status=Status.RETURNED, published_at=None
            )
            self.log.append(f"unpublish {report.pk}")

    def republish(self):
        report = self._some(status__in=[Status.RETURNED, Status.VALIDATED])
        if report:
            report.status = Status.PUBLISHED
            report.published_at = report.updated_at
            report.save()
            self.log.append(f"republish {report.pk}")

    def move(self):
        report, cell = self._some(), self._free_cell()
        if report and cell:
            ProgressReport.objects.filter(pk=report.pk).update(
                participant=cell[0], mandate=cell[1], cycle=cell[2]
            )
            self.log.append(f"move {report.pk}")

    def delete(self):
        report = self._some()
        if report:
            report.delete()
            self.log.append(f"delete {report.pk}")

    def step(self):
        name = self.rng.choice(
            ["workflow", "workflow", "workflow", "create", "create",
             "edit_published", "unpublish", "republish", "move", "delete"]
        )  # fmt: skip
        getattr(self, name)()


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_aggregates_equal_a_recomputation_after_any_writes(
    seed, cycle, closed_cycle, mandate, focal, participant, other_participant,
    secretariat, complete_answers,
):  # fmt: skip
    focals = {
        participant: focal,
        other_participant: MembershipFactory(participant=other_participant).user,
    }
    world = World(
        random.Random(seed), cycles=[cycle, closed_cycle], mandate=mandate,
        focals=focals, secretariat=secretariat, answers=complete_answers,
    )  # fmt: skip
    for _ in range(40):
        world.step()
        assert aggregates_drift() == NO_DRIFT, world.log
    # The sequence did publish, count and unpublish something.
    assert PublishedLevel.objects.exists(), world.log
    assert any(line.startswith(("unpublish", "delete")) for line in world.log)
    expected = aggregates_from_reports()
    assert aggregates_stored() == expected
    # A rebuild from scratch finds the same rows.
    aggregates_rebuild()
    assert aggregates_stored() == expected


def test_publication_is_counted_in_its_own_transaction(focal, secretariat, submitted):
    assert not PublishedLevel.objects.exists()
    services.report_validate(user=secretariat, report=submitted, publish=True)
    cell = PublishedLevel.objects.get()
    assert (cell.report_id, cell.level) == (submitted.pk, "advanced")
    count = PublishedLevelCount.objects.get()
    assert (count.cycle_id, count.mandate_id, count.level, count.reports) == (
        submitted.cycle_id,
        submitted.mandate_id,
        "advanced",
        1,
    )


def test_the_command_rebuilds_what_was_lost_and_checks(every_status):
    expected = aggregates_from_reports()
    PublishedLevel.objects.all().delete()
    PublishedLevelCount.objects.all().delete()
    with pytest.raises(SystemExit):
        call_command("rebuild_dashboard_aggregates", "--check", stdout=io.StringIO())
    out = io.StringIO()
    call_command("rebuild_dashboard_aggregates", stdout=out)
    assert "Rebuilt: 2 published levels, 2 counts." in out.getvalue()
    assert aggregates_stored() == expected
    call_command("rebuild_dashboard_aggregates", "--check", stdout=io.StringIO())
