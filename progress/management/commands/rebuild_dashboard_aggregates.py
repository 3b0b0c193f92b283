from django.core.management.base import BaseCommand

from progress.aggregates import aggregates_drift, aggregates_rebuild


class Command(BaseCommand):
    help = (
        "Recompute from the reports what the public dashboards count (published "
        "levels and their counts). A trigger keeps them up to date; this is for "
        "after a partial restore, or to check it with --check."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--check",
            action="store_true",
            help="Only say how many rows differ from a recomputation; exit 1 if any.",
        )

    def handle(self, *args, check: bool, **options):
        if check:
            drift = aggregates_drift()
            self.stdout.write(
                f"Rows that differ: {drift['cells']} published levels, "
                f"{drift['counts']} counts."
            )
            if any(drift.values()):
                raise SystemExit(1)
            return
        cells, counts = aggregates_rebuild()
        self.stdout.write(f"Rebuilt: {cells} published levels, {counts} counts.")
