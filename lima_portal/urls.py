from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from public_site.urls import mandate_urls, participant_urls

from . import views
from .api import router

handler404 = views.not_found

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("api/v1/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path(
        "api/v1/docs/",
        # The split view serves its start-up script as a file: no inline script.
        SpectacularSwaggerSplitView.as_view(url_name="api-schema"),
        name="api-docs",
    ),
    path("api/v1/", include(router.urls)),
    path("api/", RedirectView.as_view(pattern_name="api-docs", permanent=False)),
    path("admin/", admin.site.urls),
]

urlpatterns += i18n_patterns(
    path("", views.home, name="home"),
    path("mandates/", include(mandate_urls)),
    path("participants/", include(participant_urls)),
    path("account/", include("accounts.urls")),
    path("", include("progress.urls")),
    path("", include("spreadsheets.urls")),
    path("", include("public_site.urls")),
    path("", include("good_practices.urls")),
    path("", include("civil_society.urls")),
    path("indicator-reports/", include("indicator_reports.urls")),
    prefix_default_language=True,
)
