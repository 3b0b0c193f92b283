"""Telling a person what went wrong, from a service's ValidationError."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


def show_errors(request, error) -> None:
    """Each message of a ValidationError or PermissionDenied as an error message."""
    for message in getattr(error, "messages", [str(error)]):
        messages.error(request, message)


def attach_errors(form, error: ValidationError, field_for=None) -> None:
    """Put a service's errors on the form's fields (or on the form as a whole).

    `field_for` maps a key of the error to a form field name, for services that
    key errors by something else (an indicator code, for instance).
    """
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for key, errors in error.message_dict.items():
        name = field_for(key) if field_for else key
        form.add_error(name if name in form.fields else None, errors)


def show_form_errors(request, form) -> None:
    """A form's errors as messages, each prefixed with its field's label."""
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        for message in errors:
            text = _("%(label)s: %(error)s") % {"label": label, "error": message}
            messages.error(request, text if label else message)
