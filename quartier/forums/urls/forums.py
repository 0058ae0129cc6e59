"""URLs of the forums app: forums and their members."""

from django.urls import path

from quartier.forums.views import forums as views

urlpatterns = [
    path("forums/", views.forum_list, name="list"),
    path("forums/new/", views.forum_edit, name="new"),
    path("forums/<slug:slug>/", views.forum_detail, name="detail"),
    path("forums/<slug:slug>/edit/", views.forum_edit, name="edit"),
    path("forums/<slug:slug>/archive/", views.forum_archive, name="archive"),
    path("forums/<slug:slug>/members/", views.forum_members, name="members"),
    path(
        "forums/<slug:slug>/members/<int:pk>/role/",
        views.forum_member_role,
        name="member_role",
    ),
    path(
        "forums/<slug:slug>/members/<int:pk>/remove/",
        views.forum_member_remove,
        name="member_remove",
    ),
]
