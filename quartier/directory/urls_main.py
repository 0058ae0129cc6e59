"""Offerings and places: list, search, map, detail, editing."""

from django.urls import path

from quartier.directory import views

urlpatterns: list = [
    path("", views.service_list, name="list"),
    path("manage/", views.manage, name="manage"),
    path("terms/", views.term_list, name="terms"),
    path("offerings/new/", views.service_edit, name="service_new"),
    path("offerings/<uuid:pk>/", views.service_detail, name="service"),
    path("offerings/<uuid:pk>/edit/", views.service_edit, name="service_edit"),
    path("offerings/<uuid:pk>/status/", views.service_status, name="service_status"),
    path("offerings/<uuid:pk>/archive/", views.service_archive, name="service_archive"),
    path("offerings/<uuid:pk>/confirm/", views.service_confirm, name="service_confirm"),
    path("places/", views.location_list, name="locations"),
    path("places/meeting/", views.meeting_places, name="meeting_places"),
    path("places/new/", views.location_edit, name="location_new"),
    path("places/<uuid:pk>/", views.location_detail, name="location"),
    path("places/<uuid:pk>/edit/", views.location_edit, name="location_edit"),
    path("places/<uuid:pk>/archive/", views.location_archive, name="location_archive"),
]
