"""URLs of the opendata app, mounted at /<municipality_slug>/open-data/
(namespace "opendata")."""

from django.urls import path

from quartier.opendata import views

app_name = "opendata"

urlpatterns = [
    path("", views.index, name="index"),
    path("catalog.jsonld", views.catalog_jsonld, name="catalog_jsonld"),
    path("catalog.rdf", views.catalog_rdf, name="catalog_rdf"),
    path("files/<slug:dataset>.<slug:extension>", views.data_file, name="file"),
    path("settings/", views.open_data_settings, name="settings"),
]
