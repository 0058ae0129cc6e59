"""Outreach: QR posters, the printable paper form, plain language."""

urlpatterns: list = []
