"""URLs of the initiatives app, mounted at /<municipality_slug>/initiatives/
(namespace "initiatives")."""

from django.urls import path

from quartier.initiatives.views import adaptation, health, links, manage, public

app_name = "initiatives"

P = "<int:pk>/"

urlpatterns = [
    path("", public.initiative_list, name="list"),
    path("new/", manage.initiative_edit, name="new"),
    path("checklists/", manage.checklist_defaults, name="checklists"),
    path("follow-ups/", manage.follow_ups, name="follow_ups"),
    path("matrix/", health.matrix, name="matrix"),
    path("matrix.csv", health.matrix_csv, name="matrix_csv"),
    path("link-from/<str:kind>/<str:pk>/", links.link_from, name="link_from"),
    path(P, public.initiative_detail, name="detail"),
    path(P + "edit/", manage.initiative_edit, name="edit"),
    path(P + "follow/", public.follow, name="follow"),
    path(P + "phase/", manage.phase_change, name="phase"),
    path(P + "checklist/<int:item_pk>/", manage.checklist_item, name="checklist_item"),
    path(P + "pilots/new/", manage.pilot_edit, name="pilot_new"),
    path(P + "pilots/<int:pilot_pk>/", manage.pilot_edit, name="pilot_edit"),
    path(
        P + "pilots/<int:pilot_pk>/conclude/",
        manage.pilot_conclude,
        name="pilot_conclude",
    ),
    path(P + "partners/new/", manage.partner_add, name="partner_add"),
    path(
        P + "partners/<int:partner_pk>/remove/",
        manage.partner_remove,
        name="partner_remove",
    ),
    path(
        P + "responsibilities/new/",
        manage.responsibility_add,
        name="responsibility_add",
    ),
    path(
        P + "responsibilities/<int:responsibility_pk>/remove/",
        manage.responsibility_remove,
        name="responsibility_remove",
    ),
    path(P + "follow-ups/new/", manage.follow_up_add, name="follow_up_add"),
    path(
        P + "follow-ups/<int:follow_up_pk>/done/",
        manage.follow_up_done,
        name="follow_up_done",
    ),
    path(P + "links/new/", links.link_add, name="link_add"),
    path(P + "links/<int:link_pk>/remove/", links.link_remove, name="link_remove"),
    path(P + "health-check/", health.health_check_edit, name="health_check"),
    path(P + "adaptation/", adaptation.adaptation_edit, name="adaptation"),
]
