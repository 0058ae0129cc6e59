"""URLs of the reflections app, mounted at /<municipality_slug>/reflections/
(namespace "reflections")."""

from django.urls import path

from quartier.reflections import text_changes, views

app_name = "reflections"

urlpatterns = [
    path("", views.reflection_list, name="list"),
    path("new/", views.reflection_new, name="new"),
    path("<int:pk>/", views.reflection_detail, name="detail"),
    path("<int:pk>/edit/", views.reflection_edit, name="edit"),
    path("<int:pk>/adaptations/new/", views.adaptation_new, name="adaptation_new"),
    path("decisions/<int:pk>/link/", views.decision_link, name="decision_link"),
    path("<int:pk>/changes/new/", text_changes.text_change_new, name="change_new"),
    path(
        "<int:pk>/changes/<int:change_pk>/apply/",
        text_changes.text_change_apply,
        name="change_apply",
    ),
    path(
        "<int:pk>/changes/<int:change_pk>/drop/",
        text_changes.text_change_drop,
        name="change_drop",
    ),
]
