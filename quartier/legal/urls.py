"""A municipality's legal pages, below /<municipality_slug>/ (namespace "legal")."""

from django.urls import path

from quartier.legal import views

app_name = "legal"

SEGMENTS = {
    "imprint": "impressum",
    "privacy": "datenschutz",
    "accessibility": "barrierefreiheit",
}

urlpatterns = [
    pattern
    for kind, segment in SEGMENTS.items()
    for pattern in (
        path(f"{segment}/", views.municipality_page, {"kind": kind}, name=kind),
        path(f"{segment}/edit/", views.edit, {"kind": kind}, name=f"{kind}_edit"),
    )
]
