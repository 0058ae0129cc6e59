"""URLs of the forums app: meetings, their agenda, minutes and attendance."""

from django.urls import path

from quartier.forums.views import meetings as views
from quartier.forums.views import proposals

urlpatterns = [
    path("forums/<slug:slug>/meetings/new/", views.meeting_edit, name="meeting_new"),
    path(
        "forums/<slug:slug>/meetings/propose/",
        proposals.meeting_propose,
        name="meeting_propose",
    ),
    path("meetings/<int:pk>/review/", proposals.meeting_review, name="meeting_review"),
    path("meetings/<int:pk>/", views.meeting_detail, name="meeting"),
    path("meetings/<int:pk>/edit/", views.meeting_edit, name="meeting_edit"),
    path("meetings/<int:pk>/cancel/", views.meeting_cancel, name="meeting_cancel"),
    path("meetings/<int:pk>/held/", views.meeting_held, name="meeting_held"),
    path("meetings/<int:pk>/agenda/new/", views.agenda_item_new, name="agenda_new"),
    path(
        "meetings/<int:pk>/agenda/propose/",
        views.agenda_item_propose,
        name="agenda_propose",
    ),
    path(
        "meetings/<int:pk>/agenda/publish/",
        views.agenda_publish,
        name="agenda_publish",
    ),
    path(
        "meetings/<int:pk>/agenda/<int:item_pk>/review/",
        views.agenda_item_review,
        name="agenda_review",
    ),
    path(
        "meetings/<int:pk>/agenda/<int:item_pk>/minutes/",
        views.minutes_edit,
        name="minutes_edit",
    ),
    path(
        "meetings/<int:pk>/minutes/publish/",
        views.minutes_publish,
        name="minutes_publish",
    ),
    path("meetings/<int:pk>/attendance/", views.attendance, name="attendance"),
]
