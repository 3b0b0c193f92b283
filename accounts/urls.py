from django.urls import path

from . import views

app_name = "participants"
urlpatterns = [
    path("", views.participant_list, name="list"),
    path("<str:code>/", views.participant_detail, name="detail"),
]
