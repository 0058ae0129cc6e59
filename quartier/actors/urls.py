from django.urls import path

from quartier.actors import views

app_name = "actors"

urlpatterns = [
    path("", views.actor_list, name="list"),
    path("new/", views.actor_edit, name="new"),
    path("join/<str:token>/", views.join, name="join"),
    path("<int:pk>/", views.actor_detail, name="detail"),
    path("<int:pk>/edit/", views.actor_edit, name="edit"),
    path("<int:pk>/archive/", views.actor_archive, name="archive"),
    path("<int:pk>/members/", views.members, name="members"),
    path(
        "<int:pk>/members/<int:member_pk>/",
        views.member_change,
        name="member_change",
    ),
    path(
        "<int:pk>/invitations/<int:invitation_pk>/withdraw/",
        views.invitation_withdraw,
        name="invitation_withdraw",
    ),
    path("<int:pk>/ties/new/", views.tie_edit, name="tie_new"),
    path("<int:pk>/ties/<int:tie_pk>/edit/", views.tie_edit, name="tie_edit"),
    path("<int:pk>/ties/<int:tie_pk>/confirm/", views.tie_confirm, name="tie_confirm"),
    path("<int:pk>/ties/<int:tie_pk>/end/", views.tie_end, name="tie_end"),
    path("<int:pk>/ties/<int:tie_pk>/archive/", views.tie_archive, name="tie_archive"),
]
