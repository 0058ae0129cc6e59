"""Contributions: list, map, form, detail, support, comments, moderation, answers."""

urlpatterns: list = []
