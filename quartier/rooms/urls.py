"""URLs of the rooms app, mounted at /<municipality_slug>/rooms/ (namespace "rooms")."""

app_name = "rooms"

urlpatterns: list = []
