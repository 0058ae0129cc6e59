"""Overlaps and gaps, printable directories, "Ist das noch aktuell?" confirmations."""

from django.urls import path

from quartier.directory import views_extra as views

urlpatterns: list = [
    path("matrix/", views.matrix, name="matrix"),
    path("matrix.csv", views.matrix_csv, name="matrix_csv"),
    path(
        "matrix/ties/<int:first>-<int:second>/",
        views.matrix_tie,
        name="matrix_tie",
    ),
    path("print/", views.print_form, name="print"),
    path("print/directory.pdf", views.print_pdf, name="print_pdf"),
    path("confirm/<str:token>/", views.confirm, name="confirm"),
]
