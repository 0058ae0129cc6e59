"""URLs of the compass app, mounted at /<municipality_slug>/compass/ (namespace "compass")."""

from django.urls import path

from quartier.compass import views

app_name = "compass"

urlpatterns = [
    path("", views.index, name="index"),
    path("trends/", views.trends, name="trends"),
    path("rounds/new/", views.round_edit, name="round_new"),
    path("rounds/<int:pk>/", views.round_detail, name="round"),
    path("rounds/<int:pk>/csv/", views.round_csv, name="round_csv"),
    path("rounds/<int:pk>/assess/", views.assess, name="assess"),
    path("rounds/<int:pk>/edit/", views.round_edit, name="round_edit"),
    path("rounds/<int:pk>/open/", views.round_open, name="round_open"),
    path("rounds/<int:pk>/close/", views.round_close, name="round_close"),
    path("rounds/<int:pk>/agenda/", views.agenda, name="agenda"),
    path(
        "rounds/<int:pk>/fields/<int:field_pk>/comments/",
        views.comments,
        name="comments",
    ),
    path("fields/", views.field_list, name="fields"),
    path("fields/new/", views.field_edit, name="field_new"),
    path("fields/<int:pk>/edit/", views.field_edit, name="field_edit"),
    path("fields/<int:pk>/archive/", views.field_archive, name="field_archive"),
]
