"""A municipality's sharing with advisers, below /<municipality_slug>/settings/sharing/."""

from django.urls import path

from quartier.advisers import views

app_name = "sharing"

urlpatterns = [
    path("", views.grants, name="grants"),
    path("new/", views.grant_new, name="grant_new"),
    path("<int:pk>/revoke/", views.grant_revoke, name="grant_revoke"),
    path("log/", views.adviser_log, name="log"),
    path("consultations/", views.consultations, name="consultations"),
    path("practice/", views.own_practice, name="practice"),
    path("practice/new/", views.practice_new, name="practice_new"),
    path(
        "practice/<int:pk>/withdraw/",
        views.practice_withdraw,
        name="practice_withdraw",
    ),
]
