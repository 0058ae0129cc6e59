"""Topics in free text, below /<municipality_slug>/topics/."""

from django.urls import path

from quartier.topics import views

app_name = "topics"

urlpatterns = [
    path("", views.run_list, name="runs"),
    path("<int:pk>/", views.run_detail, name="run"),
    path(
        "<int:pk>/clusters/<int:position>/topic/",
        views.cluster_adopt,
        name="adopt",
    ),
]
