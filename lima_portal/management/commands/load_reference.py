import json
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from accounts.services import participants_load, secretariat_group_sync
from mandates.models import Mandate
from mandates.services import (
    indicators_load,
    official_texts_load,
    official_texts_parse,
    reference_load,
)

DATA_DIR = settings.BASE_DIR / "mandates" / "data"


def read_json(name: str) -> dict:
    return json.loads((DATA_DIR / name).read_text(encoding="utf-8"))


class Command(BaseCommand):
    help = (
        "Load or update the sections, mandates, states and JSWG entities shipped "
        "with the portal, and create the default indicators that are missing; with "
        "--official, load official mandate texts from a CSV or JSON file (columns: "
        "number, language, text, and optionally topic and section)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--official", type=Path, help="official texts file")
        parser.add_argument(
            "--once",
            action="store_true",
            help="do nothing if reference data is already there (used by make run)",
        )

    def handle(self, *args, official: Path | None = None, once=False, **options):
        if once and Mandate.objects.exists() and not official:
            self.stdout.write("Reference data already loaded.")
            return
        data = read_json("lima_commitment.json")
        counts = reference_load(data=data)
        participants = participants_load(
            states=data["states"], jswg_entities=data["jswg_entities"]
        )
        indicators = indicators_load(data=read_json("indicators.json"))
        secretariat_group_sync()
        self.stdout.write(
            f"Reference data: {counts['sections']} sections, "
            f"{counts['mandates']} mandates, {participants} participants, "
            f"{indicators} new indicators."
        )
        if official:
            self._load_official(official)

    def _load_official(self, path: Path) -> None:
        try:
            content = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"Cannot read {path}: {error}") from None
        try:
            texts = official_texts_parse(content=content, filename=path.name)
            loaded = official_texts_load(texts=texts)
        except ValidationError as error:
            raise CommandError("\n".join(error.messages)) from None
        self.stdout.write(self.style.SUCCESS(f"Official texts: {loaded} loaded."))
