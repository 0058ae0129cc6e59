"""Membership pages below /<municipality_slug>/ (namespace "members")."""

from django.urls import path

from quartier.accounts import views

app_name = "members"

urlpatterns = [
    path("members/", views.members, name="list"),
    path("members/<int:pk>/", views.member_change, name="member_change"),
    path("members/requests/", views.membership_requests, name="requests"),
    path(
        "members/requests/<int:pk>/",
        views.membership_request_decide,
        name="request_decide",
    ),
    path("join/", views.join, name="join"),
    path(
        "invitations/<int:pk>/revoke/",
        views.invitation_revoke,
        name="invitation_revoke",
    ),
    path("invitations/<str:token>/", views.invitation, name="invitation"),
]
