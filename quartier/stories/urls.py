"""URLs of the stories app, mounted at /<municipality_slug>/stories/ (namespace
"stories"): stories with their double opt-in, reports and moderation; the Most
Significant Change rounds (docs/stories.md)."""

from django.urls import path

from quartier.stories.views import rounds, stories

app_name = "stories"

urlpatterns = [
    path("", stories.story_list, name="list"),
    path("new/", stories.story_new, name="new"),
    path("<int:pk>/", stories.story_detail, name="detail"),
    path("<int:pk>/report/", stories.story_report, name="report"),
    path("<int:pk>/moderate/", stories.moderate, name="moderate"),
    path("<int:pk>/link/", stories.link, name="link"),
    path(
        "initiatives/<int:pk>/link/",
        stories.link_initiative,
        name="link_initiative",
    ),
    path("confirm/<str:token>/", stories.confirm, name="confirm"),
    path("intake/", stories.intake, name="intake"),
    path("moderation/", stories.moderation, name="moderation"),
    path("rounds/", rounds.round_list, name="rounds"),
    path("rounds/new/", rounds.round_new, name="round_new"),
    path("rounds/<int:pk>/", rounds.round_detail, name="round"),
    path("rounds/<int:pk>/domains/<int:domain_pk>/pick/", rounds.pick, name="pick"),
    path("rounds/<int:pk>/close/", rounds.round_close, name="round_close"),
]
