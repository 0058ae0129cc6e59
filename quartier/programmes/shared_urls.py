"""The shared programme library of the advisers, at the top level /programmes/."""

from django.urls import path

from quartier.programmes import views

app_name = "shared_programmes"

urlpatterns = [
    path("", views.shared_list, name="list"),
    path("new/", views.shared_new, name="new"),
    path("<int:pk>/", views.shared_detail, name="detail"),
    path("<int:pk>/edit/", views.shared_edit, name="edit"),
]
