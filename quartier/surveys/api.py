"""API endpoints of the surveys app (mounted at /api/v1/ by quartier.api)."""

from ninja import Router

router = Router(tags=["Surveys"])
