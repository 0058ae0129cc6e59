"""URLs of the hsds app, mounted at /<municipality_slug>/hsds/ (namespace "hsds")."""

app_name = "hsds"

urlpatterns: list = []
