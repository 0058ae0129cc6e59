"""A municipality's programme library, below /<municipality_slug>/programmes/."""

from django.urls import path

from quartier.programmes import views

app_name = "programmes"

urlpatterns = [
    path("", views.programme_list, name="list"),
    path("new/", views.programme_new, name="new"),
    path("<int:pk>/", views.programme_detail, name="detail"),
    path("<int:pk>/edit/", views.programme_edit, name="edit"),
    path("<int:pk>/copy/", views.programme_copy, name="copy"),
]
