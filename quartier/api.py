"""The REST API at /api/v1/ (django-ninja); each app contributes a router."""

from ninja import NinjaAPI

from quartier.actors.api import router as actors_router
from quartier.core.api import router as core_router

api = NinjaAPI(
    title="Quartier API",
    version="1",
    description="Öffentliche und interne Daten einer Quartier-Instanz.",
    urls_namespace="api",
)
api.add_router("/", core_router)
api.add_router("/", actors_router)
