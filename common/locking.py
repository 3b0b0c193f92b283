"""Optimistic locking of common.models.Audited records.

Two people editing the same record: the second save names a version that is no
longer the record's, and is refused with StaleVersion; nothing is overwritten.
The row is locked (SELECT ... FOR UPDATE) for the rest of the transaction, so
the check and the save cannot interleave with another save.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


class StaleVersion(ValidationError):
    """The record changed since the person opened it; nothing was saved.

    `current` is the record as it is now, for the page to show beside the
    person's own unsaved text.
    """

    def __init__(self, current):
        super().__init__(
            _(
                "Someone else saved this while you were editing it (version "
                "%(version)s). Nothing of yours was saved: the newer content is "
                "shown below; apply your changes to it and save again."
            )
            % {"version": current.version},
            code="stale",
        )
        self.current = current


def lock(queryset, pk, *, version: int | None = None, of=("self",)):
    """The row, locked until the transaction ends; StaleVersion if `version`
    is given and is not the row's. `of` names the tables to lock (a child of
    multi-table inheritance locks its parent row too)."""
    current = queryset.select_for_update(of=of).get(pk=pk)
    if version is not None and current.version != version:
        raise StaleVersion(current)
    return current
