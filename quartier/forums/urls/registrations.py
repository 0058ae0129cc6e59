"""URLs of the forums app: registrations and the calendar feeds."""

from django.urls import path

from quartier.forums.views import registrations as views

urlpatterns = [
    path("meetings/<int:pk>/register/", views.register, name="register"),
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
