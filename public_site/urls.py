"""Public pages: the catalogue's mandate and participant pages with published
progress, the list of published reports, dashboards and open data."""

from django.urls import path

from accounts import views as accounts_views
from mandates import views as mandates_views

from . import views
from .dashboards import views as dashboard_views
from .opendata import views as opendata_views

# Namespaces of their own ("mandates", "participants"): the catalogue.
mandate_urls = (
    [
        path("", mandates_views.mandate_list, name="list"),
        path("<int:number>/", views.mandate_detail, name="detail"),
    ],
    "mandates",
)
participant_urls = (
    [
        path("", accounts_views.participant_list, name="list"),
        path("<str:code>/", views.participant_detail, name="detail"),
    ],
    "participants",
)

app_name = "public_site"
urlpatterns = [
    path("reports/", opendata_views.published_report_list, name="published_list"),
    path("dashboards/", dashboard_views.dashboards, name="dashboards"),
    path(
        "dashboards/matrix/", dashboard_views.dashboard_matrix, name="dashboard_matrix"
    ),
    path(
        "dashboards/matrix.<slug:fmt>",
        dashboard_views.dashboard_matrix_download,
        name="dashboard_matrix_download",
    ),
    path(
        "dashboards/mandates/<int:number>/",
        dashboard_views.dashboard_mandate,
        name="dashboard_mandate",
    ),
    path(
        "dashboards/participants/<str:code>/",
        dashboard_views.dashboard_participant,
        name="dashboard_participant",
    ),
    path("open-data/", opendata_views.open_data, name="open_data"),
    path(
        "open-data/dictionary/",
        opendata_views.data_dictionary,
        name="data_dictionary",
    ),
    path(
        "open-data/datapackage.json",
        opendata_views.datapackage,
        name="opendata_datapackage",
    ),
    path(
        "open-data/<slug:dataset>.<slug:fmt>",
        opendata_views.dataset_download,
        name="opendata_download",
    ),
]
