"""URLs of the directory app, mounted at /<municipality_slug>/directory/ (namespace "directory")."""

app_name = "directory"

urlpatterns: list = []
