"""URLs of the rooms app, mounted at /<municipality_slug>/rooms/ (namespace "rooms")."""

from django.urls import path

from quartier.rooms import views

app_name = "rooms"

urlpatterns = [
    path("", views.room_list, name="list"),
    path("new/", views.room_edit, name="new"),
    path("requests/", views.requests_queue, name="requests"),
    path("my-bookings/", views.my_bookings, name="my_bookings"),
    path("bookings/<int:pk>/", views.booking_detail, name="booking"),
    path("bookings/<int:pk>/approve/", views.approve, name="approve"),
    path("bookings/<int:pk>/reject/", views.reject, name="reject"),
    path("bookings/<int:pk>/cancel/", views.cancel, name="cancel"),
    path("<slug:room>/", views.room_detail, name="detail"),
    path("<slug:room>/edit/", views.room_edit, name="edit"),
    path("<slug:room>/archive/", views.room_archive, name="archive"),
    path("<slug:room>/photos/", views.photo_add, name="photo_add"),
    path(
        "<slug:room>/photos/<int:pk>/delete/", views.photo_delete, name="photo_delete"
    ),
    path("<slug:room>/week/", views.room_week, name="week"),
    path("<slug:room>/book/", views.book, name="book"),
    path("<slug:room>/calendar.ics", views.room_calendar, name="calendar"),
]
