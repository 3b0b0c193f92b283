from django.contrib.auth import views as auth_views
from django.shortcuts import render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _

from . import selectors, throttle
from .forms import client_ip
from .models import Participant


def participant_list(request):
    participants = selectors.participant_list()
    return render(
        request,
        "accounts/participant_list.html",
        {
            "states": [p for p in participants if p.kind == Participant.Kind.STATE],
            "entities": [p for p in participants if p.kind == Participant.Kind.JSWG],
        },
    )


class PasswordResetView(auth_views.PasswordResetView):
    """Django's reset view, with a limit on how many emails one may ask for.

    The limit applies whether or not the address has an account, so the
    refusal reveals nothing about who is registered.
    """

    template_name = "accounts/password_reset_form.html"
    email_template_name = "emails/password_reset_body.txt"
    html_email_template_name = "emails/password_reset_body.html"
    subject_template_name = "emails/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")

    def form_valid(self, form):
        email = form.cleaned_data["email"]
        if not throttle.password_reset_allowed(email, client_ip(self.request)):
            form.add_error(
                None,
                _(
                    "Too many reset requests for this address or from your network. "
                    "Please wait an hour before asking again."
                ),
            )
            return self.form_invalid(form)
        return super().form_valid(form)
