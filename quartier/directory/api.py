"""API endpoints of the directory app (mounted at /api/v1/ by quartier.api)."""

from ninja import Router

router = Router(tags=["Offerings and places"])
