from django.urls import path

from quartier.core import views

app_name = "core"

urlpatterns = [
    path("", views.municipality_home, name="municipality"),
    path("overview/", views.overview, name="overview"),
    path("settings/", views.municipality_settings, name="settings"),
    path("audit/", views.audit_log, name="audit"),
    path("neighborhoods/new/", views.neighborhood_edit, name="neighborhood_new"),
    path("neighborhoods/<slug:slug>/", views.neighborhood_detail, name="neighborhood"),
    path(
        "neighborhoods/<slug:slug>/edit/",
        views.neighborhood_edit,
        name="neighborhood_edit",
    ),
]
