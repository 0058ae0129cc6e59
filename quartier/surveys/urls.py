"""URLs of the surveys app, mounted at /<municipality_slug>/surveys/ (namespace "surveys")."""

app_name = "surveys"

urlpatterns: list = []
