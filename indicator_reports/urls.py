from django.urls import path

from . import views

app_name = "indicator_reports"
urlpatterns = [
    path("", views.report_jobs, name="report_jobs"),
    path(
        "<int:pk>/",
        views.report_job_detail,
        name="report_job_detail",
    ),
    path(
        "<int:pk>/status/",
        views.report_job_status,
        name="report_job_status",
    ),
    path(
        "<int:pk>/download/",
        views.report_job_download,
        name="report_job_download",
    ),
    path(
        "<int:pk>/run-again/",
        views.report_job_rerun,
        name="report_job_rerun",
    ),
]
