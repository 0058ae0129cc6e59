"""The state-wide catalogue of support offers at the top level /support/ (namespace
"shared_support"), maintained by the advisers."""

from django.urls import path

from quartier.support.views import offers

app_name = "shared_support"

urlpatterns = [
    path("", offers.shared_list, name="list"),
    path("new/", offers.shared_new, name="new"),
    path("deadlines.ics", offers.shared_deadlines_ics, name="deadlines"),
    path("<int:pk>/", offers.shared_detail, name="offer"),
    path("<int:pk>/edit/", offers.shared_edit, name="edit"),
]
