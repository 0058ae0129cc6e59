"""URLs of the forums app: registrations (members, and guests with their signed
links) and the calendar feeds."""

from django.urls import path

from quartier.forums.views import guests
from quartier.forums.views import registrations as views

urlpatterns = [
    path("meetings/<int:pk>/register/", views.register, name="register"),
    path(
        "meetings/<int:pk>/register/guest/",
        guests.guest_register,
        name="guest_register",
    ),
    path(
        "meetings/registration/confirm/<str:token>/",
        guests.guest_confirm,
        name="guest_confirm",
    ),
    path(
        "meetings/registration/cancel/<str:token>/",
        guests.guest_cancel,
        name="guest_cancel",
    ),
    path("meetings/<int:pk>/unregister/", views.unregister, name="unregister"),
    path(
        "meetings/<int:pk>/registrations/",
        views.registration_list,
        name="registrations",
    ),
    path("meetings/<int:pk>/meeting.ics", views.meeting_ics, name="meeting_ics"),
    path(
        "forums/<slug:slug>/calendar.ics",
        views.forum_calendar,
        name="forum_calendar",
    ),
    path("calendar.ics", views.municipality_calendar, name="calendar"),
]
