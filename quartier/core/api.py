"""API endpoints of the core app (municipalities, neighbourhoods)."""

from ninja import Router

router = Router(tags=["Kommunen"])
