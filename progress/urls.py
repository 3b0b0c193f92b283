from django.urls import path

from . import views
from .api.tokens import api_token
from .dashboards import views as dashboard_views
from .opendata import views as opendata_views

app_name = "progress"
urlpatterns = [
    path("workspace/", views.workspace, name="workspace"),
    path("workspace/api-token/", api_token, name="api_token"),
    path("workspace/<str:code>/", views.dashboard, name="dashboard"),
    path(
        "workspace/<str:code>/cycles/<int:cycle_id>/mandates/<int:number>/start/",
        views.report_start,
        name="report_start",
    ),
    path("reports/", opendata_views.published_report_list, name="published_list"),
    path("reports/<int:pk>/", views.report_detail, name="report_detail"),
    path("reports/<int:pk>/edit/", views.report_edit, name="report_edit"),
    path("reports/<int:pk>/submit/", views.report_submit, name="report_submit"),
    path("reports/<int:pk>/evidence/", views.evidence_add, name="evidence_add"),
    path(
        "reports/<int:pk>/evidence/<int:evidence_id>/",
        views.evidence_download,
        name="evidence_download",
    ),
    path(
        "reports/<int:pk>/evidence/<int:evidence_id>/remove/",
        views.evidence_remove,
        name="evidence_remove",
    ),
    path("review/", views.review_queue, name="review_queue"),
    path("review/<int:pk>/", views.review_detail, name="review_detail"),
    # Public dashboards and open data: published reports only.
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
