"""A person's choice of emails: reminders of due reports, the review digest."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from ..forms import NotificationSettingsForm
from ..models import Membership
from ..services import user_reminders_set


@login_required
def notification_settings(request):
    user = request.user
    form = NotificationSettingsForm(
        request.POST if request.method == "POST" else None,
        initial={"reminders_enabled": user.reminders_enabled},
    )
    if request.method == "POST" and form.is_valid():
        enabled = form.cleaned_data["reminders_enabled"]
        user_reminders_set(user=user, enabled=enabled)
        messages.success(
            request,
            _("Email reminders are on.") if enabled else _("Email reminders are off."),
        )
        return redirect("accounts:notification_settings")
    return render(
        request,
        "accounts/notification_settings.html",
        {
            "form": form,
            "days_before_due": ", ".join(map(str, settings.REMINDER_DAYS_BEFORE_DUE)),
            "is_focal_point": user.memberships.filter(
                role=Membership.Role.FOCAL_POINT
            ).exists(),
        },
    )
