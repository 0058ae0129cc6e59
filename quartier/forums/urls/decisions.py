"""URLs of the forums app: decisions register and "Wer entscheidet was?"."""

from django.urls import path

from quartier.forums.views import decisions as views

urlpatterns: list = [
    path("decisions/", views.decision_list, name="decisions"),
    path("decisions.csv", views.decision_csv, name="decisions_csv"),
    path("decisions/<int:pk>/", views.decision_detail, name="decision"),
    path("decisions/<int:pk>/edit/", views.decision_edit, name="decision_edit"),
    path("decisions/<int:pk>/status/", views.decision_status, name="decision_status"),
    path(
        "meetings/<int:pk>/items/<int:item_pk>/decision/",
        views.decision_new,
        name="decision_new",
    ),
    path("who-decides/", views.who_decides, name="who_decides"),
]
