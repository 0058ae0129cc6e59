"""URLs of the compass app, mounted at /<municipality_slug>/compass/ (namespace "compass")."""

app_name = "compass"

urlpatterns: list = []
