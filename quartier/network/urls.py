"""The network analysis, below /<municipality_slug>/network/."""

from django.urls import path

from quartier.network import survey_views, views

app_name = "network"

urlpatterns = [
    path("", views.network_index, name="index"),
    path("snapshots/", views.snapshot_list, name="snapshots"),
    path("snapshots/new/", views.snapshot_take, name="take"),
    path("snapshots/compare/", views.snapshot_compare, name="compare"),
    path("snapshots/<int:pk>/", views.snapshot_detail, name="snapshot"),
    path("public/", views.public_page, name="public_page"),
    path("surveys/", survey_views.survey_list, name="surveys"),
    path("surveys/new/", survey_views.survey_new, name="survey_new"),
    path("surveys/<int:pk>/", survey_views.survey_detail, name="survey"),
    path(
        "surveys/<int:pk>/answer/<int:actor_pk>/",
        survey_views.survey_answer_signed_in,
        name="survey_answer_signed_in",
    ),
    path(
        "surveys/answer/<str:token>/", survey_views.survey_answer, name="survey_answer"
    ),
]
