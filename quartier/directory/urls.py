"""URLs of the directory app, mounted at /<municipality_slug>/directory/ (namespace
"directory")."""

from django.urls import path

from quartier.directory.views import confirmation, offerings, overlaps, printing

app_name = "directory"

urlpatterns = [
    # Offerings and places: list, search, map, detail, editing
    path("", offerings.service_list, name="list"),
    path("manage/", offerings.manage, name="manage"),
    path("terms/", offerings.term_list, name="terms"),
    path("offerings/new/", offerings.service_edit, name="service_new"),
    path("offerings/<uuid:pk>/", offerings.service_detail, name="service"),
    path("offerings/<uuid:pk>/edit/", offerings.service_edit, name="service_edit"),
    path(
        "offerings/<uuid:pk>/status/", offerings.service_status, name="service_status"
    ),
    path(
        "offerings/<uuid:pk>/archive/",
        offerings.service_archive,
        name="service_archive",
    ),
    path(
        "offerings/<uuid:pk>/confirm/",
        offerings.service_confirm,
        name="service_confirm",
    ),
    path("places/", offerings.location_list, name="locations"),
    path("places/meeting/", offerings.meeting_places, name="meeting_places"),
    path("places/new/", offerings.location_edit, name="location_new"),
    path("places/<uuid:pk>/", offerings.location_detail, name="location"),
    path("places/<uuid:pk>/edit/", offerings.location_edit, name="location_edit"),
    path(
        "places/<uuid:pk>/archive/",
        offerings.location_archive,
        name="location_archive",
    ),
    # Overlaps and gaps
    path("matrix/", overlaps.matrix, name="matrix"),
    path("matrix.csv", overlaps.matrix_csv, name="matrix_csv"),
    path(
        "matrix/ties/<int:first>-<int:second>/",
        overlaps.matrix_tie,
        name="matrix_tie",
    ),
    # The printable directory
    path("print/", printing.print_form, name="print"),
    path("print/directory.pdf", printing.print_pdf, name="print_pdf"),
    # "Ist das noch aktuell?"
    path("confirm/<str:token>/", confirmation.confirm, name="confirm"),
]
