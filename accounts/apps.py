from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class AccountsConfig(AppConfig):
    name = "accounts"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from .identity import remember_participants
        from .two_factor import forget_on_sign_in

        user_logged_in.connect(forget_on_sign_in, dispatch_uid="second_factor_forget")
        user_logged_in.connect(
            remember_participants, dispatch_uid="remember_participants"
        )


class PortalAdminConfig(admin_apps.AdminConfig):
    """Django's admin, on a site that only verified sessions may use."""

    default = False  # the accounts app's own config stays AccountsConfig
    default_site = "accounts.admin_site.PortalAdminSite"
