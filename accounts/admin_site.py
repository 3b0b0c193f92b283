from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django_otp.admin import OTPAdminSite

from common.pagecache import public_content_changed


class PortalAdminSite(OTPAdminSite):
    """The admin for people who passed both factors, signed in one way only.

    OTPAdminSite admits only sessions verified by a second factor. Its sign-in
    page is replaced by the portal's, so that the admin has no door of its own:
    the same lock-out, the same second-factor step.
    """

    def __init__(self, name="admin"):
        super().__init__(name)

    def login(self, request, extra_context=None):
        if self.has_permission(request):
            return redirect("admin:index")
        if request.user.is_authenticated:
            # Fully signed in, but not an administrator: the portal's sign-in
            # page would send this person straight back here, and round again.
            # (A session still owing its second factor counts as anonymous.)
            raise PermissionDenied(_("The administration is for administrators only."))
        next_url = request.GET.get("next") or reverse("admin:index")
        return redirect_to_login(next_url, reverse("accounts:login"))

    def admin_view(self, view, cacheable=False):
        """Every admin page; after a POST to one, public pages are computed anew.

        Here rather than in each model admin (they share no base class) or on a
        signal: one place that sees every save, delete, bulk action and inline
        of the admin, including those that send no signal (a bulk delete logs
        its LogEntry rows in one INSERT). The admin's own transaction has
        committed by then, so the new version follows the new content.
        """
        inner = super().admin_view(view, cacheable)

        @wraps(inner)
        def wrapped(request, *args, **kwargs):
            response = inner(request, *args, **kwargs)
            if request.method == "POST":
                public_content_changed()
            return response

        return wrapped
