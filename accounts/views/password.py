from django.contrib.auth import views as auth_views
from django.urls import reverse_lazy
from django.utils.translation import gettext as _

from .. import lockout, services
from ..forms import AddressPasswordResetForm


class PasswordResetView(auth_views.PasswordResetView):
    """Django's reset view, with a limit on how many emails one may ask for.

    The limit applies whether or not the address has an account, so the
    refusal reveals nothing about who is registered. It is counted in the
    database, per address and per client address, so it holds without Redis.
    """

    form_class = AddressPasswordResetForm
    template_name = "accounts/password_reset_form.html"
    email_template_name = "emails/password_reset_body.txt"
    html_email_template_name = "emails/password_reset_body.html"
    subject_template_name = "emails/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")

    def form_valid(self, form):
        allowed = services.password_reset_request_allowed(
            email=form.cleaned_data["email"],
            client_ip=lockout.client_ip(self.request),
        )
        if not allowed:
            form.add_error(
                None,
                _(
                    "Too many reset requests for this address or from your network. "
                    "Please wait an hour before asking again."
                ),
            )
            return self.form_invalid(form)
        return super().form_valid(form)


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """A new password chosen through the emailed link also lifts the address's
    lock-out: whoever reads that mailbox is the person, and the sign-in page's
    lock message points there. The client address's lock-out stays."""

    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")

    def form_valid(self, form):
        response = super().form_valid(form)
        lockout.address_unlock(address=form.user.email)
        return response
