"""API endpoints of the actors app (actors, ties)."""

from ninja import Router

router = Router(tags=["Akteure"])
