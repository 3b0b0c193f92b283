import json
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from accounts.services import participants_load
from mandates.services import official_texts_load, official_texts_parse, reference_load

DATA_FILE = settings.BASE_DIR / "mandates" / "data" / "lima_commitment.json"


class Command(BaseCommand):
    help = (
        "Load or update the sections, mandates, states and JSWG entities shipped "
        "with the portal; with --official, load official mandate texts from a CSV "
        "or JSON file (columns: number, language, text, and optionally topic and "
        "section)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--official", type=Path, help="official texts file")

    def handle(self, *args, official: Path | None = None, **options):
        data = json.loads(DATA_FILE.read_text(encoding="utf-8"))
        counts = reference_load(data=data)
        participants = participants_load(
            states=data["states"], jswg_entities=data["jswg_entities"]
        )
        self.stdout.write(
            f"Reference data: {counts['sections']} sections, "
            f"{counts['mandates']} mandates, {participants} participants."
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
