"""Outreach: QR posters, the printable paper form, plain language.

The switch for "Einfache Sprache" itself lives at /i18n/plain-language/ (top level,
quartier/urls.py), so that it works on every page, also outside a municipality.
"""

from django.urls import path

from quartier.participation import views_outreach as views

urlpatterns = [
    path("posters/", views.posters, name="posters"),
    path(
        "posters/neighborhood/<slug:slug>/",
        views.poster_neighborhood,
        name="poster_neighborhood",
    ),
    path("posters/place/<uuid:pk>/", views.poster_place, name="poster_place"),
    path("q/<slug:neighborhood>/", views.short, name="short"),
    path("paper-form/", views.paper_form, name="paper_form"),
    path("plain-language/", views.plain_language_page, name="plain_language"),
]
