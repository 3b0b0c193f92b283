from django.urls import path

from . import views

app_name = "mandates"
urlpatterns = [
    path("", views.mandate_list, name="list"),
    path("<int:number>/", views.mandate_detail, name="detail"),
]
