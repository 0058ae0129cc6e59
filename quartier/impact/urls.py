"""URLs of the impact app, mounted at /<municipality_slug>/impact/ (namespace "impact")."""

from django.urls import path

from quartier.impact import views

app_name = "impact"

urlpatterns = [
    path("", views.goal_list, name="goals"),
    path("goals/new/", views.goal_new, name="goal_new"),
    path("goals/<int:pk>/", views.goal_detail, name="goal"),
    path("goals/<int:pk>/edit/", views.goal_edit, name="goal_edit"),
    path("goals/<int:pk>/link/", views.goal_link, name="goal_link"),
    path(
        "goals/<int:pk>/link/<int:initiative_pk>/remove/",
        views.goal_unlink,
        name="goal_unlink",
    ),
    path("goals/<int:pk>/model/", views.goal_model, name="goal_model"),
    path("initiatives/model/", views.initiative_model_pick, name="initiative_pick"),
    path(
        "initiatives/<int:pk>/model/", views.initiative_model, name="initiative_model"
    ),
    path("models/<int:pk>/", views.model_detail, name="model"),
    path("models/<int:pk>/indicators/new/", views.indicator_new, name="indicator_new"),
    path("indicators/<int:pk>/", views.indicator_detail, name="indicator"),
    path("indicators/<int:pk>/edit/", views.indicator_edit, name="indicator_edit"),
    path("indicators/<int:pk>/record/", views.measurement_record, name="record"),
    path("indicators/<int:pk>/compute/", views.indicator_compute, name="compute"),
]
