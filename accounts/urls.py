from django.contrib.auth import views as auth_views
from django.urls import path

from .middleware import second_factor_exempt
from .views import notifications, two_factor
from .views.password import PasswordResetConfirmView, PasswordResetView
from .views.sign_in import SignInView

app_name = "accounts"
urlpatterns = [
    path("sign-in/", second_factor_exempt(SignInView.as_view()), name="login"),
    path(
        "sign-out/",
        second_factor_exempt(auth_views.LogoutView.as_view()),
        name="logout",
    ),
    path("password-reset/", PasswordResetView.as_view(), name="password_reset"),
    path(
        "password-reset/sent/",
        auth_views.PasswordResetDoneView.as_view(
            template_name="accounts/password_reset_done.html"
        ),
        name="password_reset_done",
    ),
    path(
        "password-reset/<uidb64>/<token>/",
        PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "password-reset/done/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name="accounts/password_reset_complete.html"
        ),
        name="password_reset_complete",
    ),
    path(
        "notifications/",
        notifications.notification_settings,
        name="notification_settings",
    ),
    path("two-factor/", two_factor.second_factor_settings, name="two_factor"),
    path(
        "two-factor/verify/", two_factor.second_factor_verify, name="two_factor_verify"
    ),
    path("two-factor/set-up/", two_factor.second_factor_enrol, name="two_factor_enrol"),
    path(
        "two-factor/recovery-codes/",
        two_factor.recovery_codes,
        name="recovery_codes",
    ),
    path(
        "two-factor/recovery-codes/new/",
        two_factor.recovery_codes_regenerate,
        name="recovery_codes_regenerate",
    ),
    path(
        "two-factor/turn-off/",
        two_factor.second_factor_turn_off,
        name="two_factor_turn_off",
    ),
]
