"""URLs of the support app below /<municipality_slug>/ (namespace "support"): the
Quartiers-Check at check/, the support offers and the process guide at support/."""

from django.urls import path

from quartier.support.views import check, offers

app_name = "support"

urlpatterns = [
    path("check/", check.round_list, name="check"),
    path("check/new/", check.round_new, name="round_new"),
    path("check/<int:pk>/", check.round_detail, name="round"),
    path("check/<int:pk>/answer/", check.round_answer, name="answer"),
    path(
        "check/<int:pk>/confirm/<str:question>/",
        check.round_confirm,
        name="confirm",
    ),
    path("check/<int:pk>/result/", check.round_result, name="result"),
    path("check/<int:pk>/close/", check.round_close, name="close"),
    path("check/<int:pk>/next-steps/", check.next_steps_make, name="next_steps"),
    path("check/steps/<int:pk>/done/", check.next_step_done, name="step_done"),
    path("support/", offers.offer_list, name="offers"),
    path("support/new/", offers.offer_new, name="offer_new"),
    path("support/guide/", offers.guide, name="guide"),
    path("support/deadlines.ics", offers.deadlines_ics, name="deadlines"),
    path("support/<int:pk>/", offers.offer_detail, name="offer"),
    path("support/<int:pk>/edit/", offers.offer_edit, name="offer_edit"),
]
