"""Helpers for records that keep a history (django-simple-history).

Every save of such a record adds a historical record, whether or not anything
changed; these helpers keep the history to real changes, and give it a first
entry for the records that existed before their history began.
"""

from django.utils import timezone

BASELINE_REASON = "as it was when its history began"


def update_or_create_if_changed(queryset, *, values: dict, **lookup):
    """Like QuerySet.update_or_create, but saves only when a value differs.

    Reloading the same reference data (load_reference runs at every
    deployment) must not add a "changed" entry to every row's history. Call it
    in a transaction: the row is locked as update_or_create would lock it.
    Returns (record, created).
    """
    record = queryset.select_for_update().filter(**lookup).first()
    if record is None:
        return queryset.create(**lookup, **values), True
    changed = {
        name: value for name, value in values.items() if getattr(record, name) != value
    }
    if changed:
        for name, value in changed.items():
            setattr(record, name, value)
        record.save()
    return record, False


def history_baseline(apps, app_label: str, *model_names: str) -> None:
    """A first historical record of each existing row (for a data migration).

    Without it, the first change after the history begins could not be
    compared with anything. Uses the migration's frozen models, so it works
    whatever the models become later.
    """
    now = timezone.now()
    for name in model_names:
        model = apps.get_model(app_label, name)
        historical = apps.get_model(app_label, f"Historical{name}")
        columns = [
            field.attname
            for field in historical._meta.concrete_fields
            if not field.name.startswith("history_")
        ]
        historical.objects.bulk_create(
            historical(
                **row,
                history_date=now,
                history_type="+",
                history_change_reason=BASELINE_REASON,
            )
            for row in model.objects.values(*columns).iterator()
        )
