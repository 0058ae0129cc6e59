"""URLs of the funds app, mounted at /<municipality_slug>/funds/ (namespace "funds")."""

app_name = "funds"

urlpatterns: list = []
