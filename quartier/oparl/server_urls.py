"""Quartier's own OParl 1.1 server at the top level /oparl/ (docs/oparl.md)."""

from django.urls import path

from quartier.oparl.views import server as views

app_name = "oparl_server"

urlpatterns = [
    path("", views.system, name="system"),
    path("bodies/", views.bodies, name="bodies"),
    path("bodies/<slug:slug>/", views.body, name="body"),
    path("bodies/<slug:slug>/<slug:kind>/", views.object_list, name="list"),
    path(
        "bodies/<slug:slug>/<slug:kind>/<int:pk>/",
        views.object_detail,
        name="object",
    ),
]
