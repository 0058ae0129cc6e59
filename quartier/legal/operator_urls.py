"""The operator's legal pages at the top level (no namespace: legal_imprint, …)."""

from django.urls import path

from quartier.legal import views
from quartier.legal.urls import SEGMENTS

urlpatterns = [
    path(f"{segment}/", views.operator_page, {"kind": kind}, name=f"legal_{kind}")
    for kind, segment in SEGMENTS.items()
]
