"""The spreadsheet round trip, under the participant's workspace."""

from django.urls import path

from . import views

app_name = "spreadsheets"

urlpatterns = [
    path(
        "workspace/<str:code>/cycles/<int:cycle_id>/spreadsheet.xlsx",
        views.spreadsheet_download,
        name="download",
    ),
    path(
        "workspace/<str:code>/cycles/<int:cycle_id>/spreadsheet/upload/",
        views.spreadsheet_upload,
        name="upload",
    ),
    path(
        "workspace/<str:code>/cycles/<int:cycle_id>/spreadsheet/<int:pk>/",
        views.spreadsheet_import,
        name="preview",
    ),
    path(
        "workspace/<str:code>/cycles/<int:cycle_id>/spreadsheet/<int:pk>/confirm/",
        views.spreadsheet_confirm,
        name="confirm",
    ),
]
