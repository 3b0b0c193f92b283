"""Admin pages that keep a history and never silently overwrite.

The reference data, indicators, cycles, participants and memberships are
edited in the Django admin by several people of the secretariat. Two of them
may open the same change form; whoever saves second would write back the
values they were shown, undoing the first person's edit without a word. So the
change form carries a fingerprint of the record as it was when the form was
opened (its row and the rows of its inlines), and saving compares it with the
record as it is now, under a row lock: if anything changed in between, the
save is refused with a message and nothing is written.

A fingerprint rather than a version column: it sees every change, whoever made
it and however (another admin page, load_reference, a shell), and it needs no
column on tables that have none.
"""

import dataclasses
import hashlib
from functools import partial

from django import forms
from django.contrib import admin
from django.contrib.admin.utils import flatten_fieldsets
from django.core.exceptions import ValidationError
from django.db import router, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, ngettext_lazy
from modeltranslation.fields import TranslationField
from simple_history.admin import SimpleHistoryAdmin
from simple_history.template_utils import HistoricalRecordContextHelper

FINGERPRINT = "record_fingerprint"


class FingerprintField(forms.CharField):
    """The hidden fingerprint: part of the form, never of the record."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs):
        super().__init__(required=False, **kwargs)

    def has_changed(self, initial, data) -> bool:
        return False  # so that the change message never lists it


def stored_columns(model) -> list[str]:
    """The columns that hold a record's data, as stored.

    modeltranslation keeps the original column of a translated field (`title`)
    beside the per-language ones (`title_en`, ...); it mirrors whatever language
    was active at the last save, so it is left out: reading it would depend on
    the language of the page.
    """
    fields = model._meta.concrete_fields
    mirrors = {
        f.translated_field.name for f in fields if isinstance(f, TranslationField)
    }
    return [f.attname for f in fields if f.name not in mirrors]


def _rows(queryset) -> str:
    columns = stored_columns(queryset.model)
    return repr(list(queryset.order_by("pk").values_list(*columns)))


class OptimisticLockAdmin(admin.ModelAdmin):
    """A change form whose save is refused if the record changed since it opened."""

    def record_fingerprint(self, request, obj, *, lock: bool = False) -> str:
        """A digest of the record's row and of its inline rows, as stored now.

        With `lock`, the row is locked until the transaction ends (the admin
        runs each change form in one), so no other save can slip in between
        the check and this save.
        """
        rows = self.model._base_manager.filter(pk=obj.pk)
        if lock:
            rows = rows.select_for_update()
        digest = hashlib.sha256(_rows(rows).encode())
        for inline in self.get_inline_instances(request, obj):
            fk = inline.get_formset(request, obj).fk
            related = inline.model._base_manager.filter(**{fk.name: obj.pk})
            digest.update(_rows(related).encode())
        return digest.hexdigest()

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or FINGERPRINT in flatten_fieldsets(fieldsets):
            return fieldsets  # without declared fieldsets, the form's fields
        return [*fieldsets, (None, {"fields": [FINGERPRINT]})]

    def get_form(self, request, obj=None, change=False, **kwargs):
        # The fingerprint is in the fieldsets (so that it is rendered) but is
        # not a model field: the model form must not look for it in the model.
        if "fields" not in kwargs:
            kwargs["fields"] = flatten_fieldsets(self.get_fieldsets(request, obj))
        if kwargs["fields"]:
            kwargs["fields"] = [f for f in kwargs["fields"] if f != FINGERPRINT]
        form = super().get_form(request, obj, change=change, **kwargs)
        if obj is None or obj.pk is None:
            return form  # a new record overwrites nothing
        return _guarded(form, partial(self.record_fingerprint, request, obj))


def _guarded(form: type[forms.ModelForm], fingerprint) -> type[forms.ModelForm]:
    class GuardedForm(form):
        record_fingerprint = FingerprintField()

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            # Taken when the form is shown. A sent form keeps the one it was
            # sent with, so a refused form is refused again until reloaded.
            if not self.is_bound:
                self.fields[FINGERPRINT].initial = fingerprint()

        def clean(self):
            cleaned_data = super().clean()
            if cleaned_data.get(FINGERPRINT) != fingerprint(lock=True):
                raise ValidationError(stale_message(self.instance), code="stale")
            return cleaned_data

    GuardedForm.__name__ = form.__name__
    return GuardedForm


def stale_message(record) -> str:
    return _(
        "Someone else changed “%(record)s” after you opened this page. Nothing "
        "of yours was saved: reload the page to see the current version (its "
        "history says who changed what), then make your changes again."
    ) % {"record": record}


class _ChangesWorthShowing(HistoricalRecordContextHelper):
    """Leaves out a change from nothing to nothing.

    A per-language column is NULL until a text is set; the admin form sends an
    empty text back, so the first save turns NULL into "" in every empty
    language. That is no change anyone made, and listing it would hide the
    one they did make.
    """

    def context_for_delta_changes(self, delta):
        changes = [
            change
            for change in delta.changes
            if change.old not in (None, "") or change.new not in (None, "")
        ]
        return super().context_for_delta_changes(
            dataclasses.replace(delta, changes=changes)
        )


class HistoryAdmin(OptimisticLockAdmin, SimpleHistoryAdmin):
    """Who changed what and when (django-simple-history), and no stale save.

    The model needs a history (HistoricalRecords, or simple_history.register
    where modeltranslation adds columns first).
    """

    def get_historical_record_context_helper(self, request, historical_record):
        return _ChangesWorthShowing(self.model, historical_record)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # Reverting to an earlier version is a save like any other: it checks
        # the fingerprint under a row lock, which needs a transaction.
        with transaction.atomic(using=router.db_for_write(self.model)):
            return super().history_form_view(
                request, object_id, version_id, extra_context
            )


# django-simple-history ships no Spanish catalogue, and a Brazilian one that
# Django does not read for "pt": naming the strings of its admin pages here
# puts them in the portal's catalogues, which Django reads first.
HISTORY_PAGE_STRINGS = (
    gettext_noop("Object"),
    gettext_noop("Date/time"),
    gettext_noop("Comment"),
    gettext_noop("Changed by"),
    gettext_noop("Change reason"),
    gettext_noop("Changes"),
    gettext_noop("None"),
    gettext_noop("Created"),
    gettext_noop("Changed"),
    gettext_noop("Deleted"),
    gettext_noop("Deleted %(type_name)s"),
    gettext_noop("This object doesn't have a change history."),
    gettext_noop(
        "Choose a date from the list below to revert to a previous version of "
        "this object."
    ),
    gettext_noop(
        "Press the 'Revert' button below to revert to this version of the object."
    ),
    gettext_noop("Revert"),
    gettext_noop("Close"),
    gettext_noop("Revert %(verbose_name)s"),
    gettext_noop("View %(verbose_name)s"),
    gettext_noop("Revert %s"),
    gettext_noop("View %s"),
    gettext_noop("View history: %s"),
    gettext_noop("Change history: %s"),
    ngettext_lazy("entry", "entries"),
)
