"""Who is of the secretariat: one rule for services and one for views.

A service refuses with PermissionDenied and a reason; a view answers 404, as
if the secretariat's pages did not exist for anyone else.
"""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _


def is_secretariat(user) -> bool:
    return bool(user.is_authenticated and user.is_active and user.is_secretariat)


def require_secretariat(user, reason: str | None = None) -> None:
    """For services: PermissionDenied, with `reason`, unless of the secretariat."""
    if not is_secretariat(user):
        raise PermissionDenied(reason or _("Only the secretariat may do this."))


def secretariat_required(view):
    """For views: sign-in first, then a 404 for anyone not of the secretariat."""

    @login_required
    @wraps(view)
    def secretariat_view(request, *args, **kwargs):
        if not is_secretariat(request.user):
            raise Http404
        return view(request, *args, **kwargs)

    return secretariat_view
