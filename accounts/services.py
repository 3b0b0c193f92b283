from django.db import transaction

from lima_portal.languages import per_language

from .models import Participant


@transaction.atomic
def participants_load(*, states: list[dict], jswg_entities: list[dict]) -> int:
    """Create or update the states and JSWG entities of the reference data."""
    for item in states:
        Participant.objects.update_or_create(
            code=item["iso3"],
            defaults={
                "kind": Participant.Kind.STATE,
                **per_language("name", item["name"]),
            },
        )
    for item in jswg_entities:
        Participant.objects.update_or_create(
            code=item["code"],
            defaults={
                "kind": Participant.Kind.JSWG,
                **per_language("name", item["name"]),
                **per_language("acronym", item.get("acronym")),
            },
        )
    return len(states) + len(jswg_entities)
