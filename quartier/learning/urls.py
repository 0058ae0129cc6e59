"""URLs of the learning app, mounted at /<municipality_slug>/learning/ (namespace "learning")."""

from django.urls import path

from quartier.learning import views

app_name = "learning"

urlpatterns = [
    path("time/", views.totals, name="time"),
    path("time/setting/", views.setting_edit, name="time_setting"),
    path("time/entries/", views.entry_list, name="time_entries"),
    path("time/entries.csv", views.entries_csv, name="time_csv"),
    path("time/new/", views.entry_edit, name="time_new"),
    path("time/<int:pk>/edit/", views.entry_edit, name="time_edit"),
    path("time/<int:pk>/delete/", views.entry_delete, name="time_delete"),
]
