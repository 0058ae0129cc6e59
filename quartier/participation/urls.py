"""URLs of the participation app, mounted at /<municipality_slug>/participation/ (namespace "participation")."""

app_name = "participation"

urlpatterns: list = []
