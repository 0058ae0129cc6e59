"""API endpoints of the compass app (mounted at /api/v1/ by quartier.api)."""

from ninja import Router

router = Router(tags=["Tension compass"])
