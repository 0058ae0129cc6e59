"""The oparl app's pages below /<municipality>/oparl/ (docs/oparl.md)."""

from django.urls import path

from quartier.oparl.views import pages as views

app_name = "oparl"

urlpatterns = [
    path("settings/", views.settings_page, name="settings"),
    path("papers/<int:pk>/", views.paper_detail, name="paper"),
    path("papers/<int:pk>/link/", views.paper_link, name="paper_link"),
    path("decisions/<int:pk>/link/", views.decision_link, name="decision_link"),
    path("forums/<slug:slug>/", views.forum_council, name="forum_council"),
]
