"""Offerings and places: list, search, map, detail, editing."""

urlpatterns: list = []
