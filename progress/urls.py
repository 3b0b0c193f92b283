from django.urls import path

from . import views
from .api.tokens import api_token
from .views import contributors, invitation

app_name = "progress"
urlpatterns = [
    path("workspace/", views.workspace_index, name="workspace_index"),
    path("workspace/api-token/", api_token, name="api_token"),
    path("workspace/<str:code>/", views.workspace, name="workspace"),
    path(
        "workspace/<str:code>/cycles/<int:cycle_id>/mandates/<int:number>/start/",
        views.report_start,
        name="report_start",
    ),
    path(
        "workspace/<str:code>/contributors/",
        contributors.contributor_list,
        name="contributors",
    ),
    path(
        "workspace/<str:code>/contributors/<int:pk>/",
        contributors.contributor_detail,
        name="contributor_detail",
    ),
    path(
        "workspace/<str:code>/contributors/<int:pk>/revoke/",
        contributors.contributor_revoke,
        name="contributor_revoke",
    ),
    path(
        "workspace/<str:code>/invitations/<int:pk>/resend/",
        contributors.invitation_resend,
        name="invitation_resend",
    ),
    path(
        "workspace/<str:code>/invitations/<int:pk>/cancel/",
        contributors.invitation_cancel,
        name="invitation_cancel",
    ),
    path(
        "invitations/<int:pk>/<str:token>/",
        invitation.invitation_accept,
        name="invitation_accept",
    ),
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
    path("review/reminders/", views.reminder_log, name="reminder_log"),
    path(
        "review/contributors/",
        contributors.contributor_overview,
        name="contributor_overview",
    ),
]
