"""Overlaps and gaps, printable directories, "Ist das noch aktuell?" confirmations."""

urlpatterns: list = []
