"""URLs of the learning app, mounted at /<municipality_slug>/learning/ (namespace "learning")."""

app_name = "learning"

urlpatterns: list = []
