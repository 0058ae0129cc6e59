"""API endpoints of the funds app (mounted at /api/v1/ by quartier.api)."""

from ninja import Router

router = Router(tags=["Neighbourhood funds"])
