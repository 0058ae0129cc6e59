"""The Fachberatung at the top level /advisers/ (docs/support.md)."""

from django.urls import path

from quartier.advisers import views

app_name = "advisers"

urlpatterns = [
    path("", views.adviser_dashboard, name="dashboard"),
    path("practice/", views.practice_list, name="practice"),
    path(
        "practice/<slug:municipality_slug>/<int:pk>/",
        views.practice_detail,
        name="practice_detail",
    ),
    path(
        "m/<slug:municipality_slug>/",
        views.shared_municipality,
        name="municipality",
    ),
    path(
        "m/<slug:municipality_slug>/consultations/new/",
        views.consultation_new,
        name="consultation_new",
    ),
    path(
        "m/<slug:municipality_slug>/<str:key>/",
        views.shared_module_page,
        name="module",
    ),
]
