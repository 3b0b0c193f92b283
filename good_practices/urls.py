from django.urls import path

from .views import cooperation, public, workspace

app_name = "good_practices"
urlpatterns = [
    # The public database
    path("good-practices/", public.search, name="search"),
    path(
        "good-practices/results.<str:fmt>",
        public.search_download,
        name="search_download",
    ),
    path("good-practices/<int:pk>/", public.practice_detail, name="practice_detail"),
    path(
        "good-practices/<int:pk>/files/<int:attachment_id>/",
        public.attachment_download,
        name="attachment_download",
    ),
    path("capacities/", public.capacity_list, name="capacity_list"),
    path("capacities/<int:pk>/", public.capacity_detail, name="capacity_detail"),
    # Focal points
    path("good-practices/mine/", workspace.my_contributions, name="mine"),
    path(
        "good-practices/propose/", workspace.practice_propose, name="practice_propose"
    ),
    path(
        "good-practices/<int:pk>/edit/", workspace.practice_edit, name="practice_edit"
    ),
    path(
        "good-practices/<int:pk>/files/",
        workspace.attachment_add,
        name="attachment_add",
    ),
    path(
        "good-practices/<int:pk>/files/<int:attachment_id>/remove/",
        workspace.attachment_remove,
        name="attachment_remove",
    ),
    path("capacities/propose/", workspace.capacity_propose, name="capacity_propose"),
    path("capacities/<int:pk>/edit/", workspace.capacity_edit, name="capacity_edit"),
    path(
        "contributions/<int:pk>/submit/",
        workspace.contribution_submit,
        name="contribution_submit",
    ),
    # The secretariat
    path("good-practices/moderation/", workspace.moderation_queue, name="moderation"),
    path(
        "contributions/<int:pk>/decide/",
        workspace.contribution_decide,
        name="contribution_decide",
    ),
    # Cooperation
    path("cooperation/", cooperation.initiative_list, name="initiatives"),
    path(
        "cooperation/initiatives.<str:fmt>",
        cooperation.initiative_download,
        name="initiatives_download",
    ),
    path("cooperation/needs/", cooperation.need_list, name="needs"),
    path("cooperation/needs/<int:pk>/", cooperation.need_detail, name="need_detail"),
    path(
        "cooperation/needs/<int:pk>/initiatives/",
        cooperation.initiative_record,
        name="initiative_record",
    ),
    path(
        "cooperation/initiatives/<int:pk>/",
        cooperation.initiative_update,
        name="initiative_update",
    ),
]
