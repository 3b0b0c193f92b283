from django.urls import path

from .views import organisation, public, replies, secretariat

app_name = "civil_society"
urlpatterns = [
    # Anyone: apply; join through an invitation's link
    path("civil-society/apply/", public.apply, name="apply"),
    path(
        "civil-society/invitations/<int:pk>/<str:token>/",
        public.invitation_accept,
        name="invitation_accept",
    ),
    # Members of an organisation
    path("civil-society/workspace/", organisation.workspace, name="workspace"),
    path(
        "civil-society/members/invite/",
        organisation.member_invite,
        name="member_invite",
    ),
    path("observations/new/", organisation.observation_new, name="observation_new"),
    path(
        "observations/<int:pk>/",
        organisation.observation_detail,
        name="observation_detail",
    ),
    path(
        "observations/<int:pk>/edit/",
        organisation.observation_edit,
        name="observation_edit",
    ),
    path(
        "observations/<int:pk>/files/",
        organisation.document_add,
        name="document_add",
    ),
    path(
        "observations/<int:pk>/files/<int:document_id>/",
        organisation.document_download,
        name="document_download",
    ),
    path(
        "observations/<int:pk>/files/<int:document_id>/remove/",
        organisation.document_remove,
        name="document_remove",
    ),
    # Focal points of the observed participant
    path("observations/replies/", replies.reply_list, name="reply_list"),
    path("observations/<int:pk>/reply/", replies.reply, name="reply"),
    # The secretariat
    path("civil-society/applications/", secretariat.applications, name="applications"),
    path(
        "civil-society/applications/<int:pk>/",
        secretariat.application_detail,
        name="application_detail",
    ),
    path(
        "observations/moderation/",
        secretariat.moderation_queue,
        name="moderation",
    ),
    path(
        "observations/<int:pk>/moderate/",
        secretariat.observation_moderate,
        name="observation_moderate",
    ),
]
