"""Half-signed-in sessions see only the second-factor pages.

After the password, a person who owes a second factor is signed in (django-otp's
model) but not verified. Rather than list the private pages, which would let a
forgotten one through, such a session is treated as anonymous everywhere except
on the views marked @second_factor_exempt (sign-in, second factor, sign-out).
Public pages then show as to any visitor; a private page asks to sign in, and
the sign-in page sends the person on to the second-factor step.
"""

from functools import wraps

from django.contrib.auth.models import AnonymousUser
from django.utils.functional import SimpleLazyObject

from .two_factor import second_factor_pending


def second_factor_exempt(view):
    """Mark a view that a half-signed-in session may use as itself."""

    @wraps(view)
    def exempt_view(*args, **kwargs):
        return view(*args, **kwargs)

    exempt_view.second_factor_exempt = True
    return exempt_view


class SecondFactorMiddleware:
    """Goes after django_otp's OTPMiddleware, which tells verified sessions."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if getattr(view_func, "second_factor_exempt", False):
            return None
        user = request.user

        def user_or_anonymous():
            if second_factor_pending(user, request.session):
                return _unverified_visitor()
            return user

        request.user = SimpleLazyObject(user_or_anonymous)
        return None


def _unverified_visitor() -> AnonymousUser:
    visitor = AnonymousUser()
    # As django_otp's middleware equips every user, so that code asking
    # is_verified() (the admin site) gets an answer.
    visitor.otp_device = None
    visitor.is_verified = lambda: False
    return visitor
