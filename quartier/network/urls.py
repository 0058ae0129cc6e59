"""The network analysis, below /<municipality_slug>/network/."""

from django.urls import path

from quartier.network import views

app_name = "network"

urlpatterns = [
    path("", views.network_index, name="index"),
    path("snapshots/", views.snapshot_list, name="snapshots"),
    path("snapshots/new/", views.snapshot_take, name="take"),
    path("snapshots/compare/", views.snapshot_compare, name="compare"),
    path("snapshots/<int:pk>/", views.snapshot_detail, name="snapshot"),
    path("public/", views.public_page, name="public_page"),
]
