from urllib.parse import urlencode

from django.contrib.auth import login as auth_login
from django.contrib.auth import views as auth_views
from django.http import HttpResponseRedirect
from django.urls import reverse

from ..forms import SignInForm
from ..selectors import landing_page
from ..two_factor import second_factor_enrolled, second_factor_pending


class SignInView(auth_views.LoginView):
    """The one sign-in page (the admin's sends people here too).

    A wrong password is counted by the lock-out through authenticate(). After
    the right one, a person who owes a second factor goes on to give it (or to
    set it up), keeping `next`.
    """

    template_name = "accounts/sign_in.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True

    def dispatch(self, request, *args, **kwargs):
        if second_factor_pending(request.user, request.session):
            return self.second_factor_step()
        return super().dispatch(request, *args, **kwargs)

    def get_default_redirect_url(self):
        """Without a `next`, the page the person works from (not the home page)."""
        return landing_page(self.request.user)

    def form_valid(self, form):
        auth_login(self.request, form.get_user())
        if second_factor_pending(self.request.user, self.request.session):
            return self.second_factor_step()
        return HttpResponseRedirect(self.get_success_url())

    def second_factor_step(self):
        user = self.request.user
        step = "verify" if second_factor_enrolled(user) else "enrol"
        url = reverse(f"accounts:two_factor_{step}")
        next_url = self.get_redirect_url()
        if next_url:
            url += "?" + urlencode({"next": next_url})
        return HttpResponseRedirect(url)
