"""API endpoints of the rooms app (mounted at /api/v1/ by quartier.api)."""

from ninja import Router

router = Router(tags=["Rooms"])
