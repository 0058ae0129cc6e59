"""A municipality's legal pages, below /<municipality_slug>/ (namespace "legal")."""

from django.urls import path

from quartier.legal import records_of_processing, views

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

# Records of processing (Art. 30 DSGVO) for the data protection officer.
urlpatterns += [
    path(
        "datenschutz/verzeichnis/",
        records_of_processing.records,
        name="records_of_processing",
    ),
    path(
        "datenschutz/verzeichnis.csv",
        records_of_processing.records_csv,
        name="records_of_processing_csv",
    ),
    path(
        "datenschutz/verzeichnis.pdf",
        records_of_processing.records_pdf,
        name="records_of_processing_pdf",
    ),
]

# The accessibility statement's details and feedback; the retention periods.
urlpatterns += [
    path(
        "barrierefreiheit/angaben/",
        views.accessibility_settings,
        name="accessibility_settings",
    ),
    path("barrierefreiheit/rueckmeldung/", views.feedback, name="feedback"),
    path("barrierefreiheit/rueckmeldungen/", views.feedback_list, name="feedback_list"),
    path(
        "barrierefreiheit/rueckmeldungen/<int:pk>/",
        views.feedback_detail,
        name="feedback_detail",
    ),
    path("datenschutz/aufbewahrung/", views.retention, name="retention"),
]
