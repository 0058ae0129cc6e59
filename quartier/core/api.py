"""API endpoints of the core app: municipalities and their neighbourhoods (read-only)."""

import datetime
from typing import Annotated, Any

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja.pagination import PageNumberPagination, paginate
from pydantic import WithJsonSchema

from quartier.core.api_auth import municipality_for, read_auth
from quartier.core.gate import require
from quartier.core.models import Municipality, Neighborhood

router = Router(tags=["Kommunen"], auth=read_auth)

PAGE_SIZE = 50
MAX_PAGE_SIZE = 100
MAX_PAGE = 10**9

# A row id: bounded, so that a huge number is a 422 and not a database overflow.
Id = Annotated[int, Field(ge=1, le=2**63 - 1)]

# A wall-clock time in the municipality's time zone, e.g. "14:00:00". Declared as a
# string with a pattern: OpenAPI's `format: time` is RFC 3339's full-time, which
# needs an offset, and a weekly opening hour has none (its offset changes with
# summer time).
LocalTime = Annotated[
    datetime.time,
    WithJsonSchema(
        {
            "type": "string",
            "pattern": r"^([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d+)?$",
            "description": "Ortszeit der Kommune (HH:MM:SS), ohne Zeitzone",
            "examples": ["14:00:00"],
        }
    ),
]


class Pages(PageNumberPagination):
    """`?page=1` (from 1) and `?page_size=` (default 50, at most 100).

    The answer is `{"items": [...], "count": <all matching rows>}`.
    """

    class Input(Schema):
        page: int = Field(1, ge=1, le=MAX_PAGE)
        page_size: int | None = Field(None, ge=1)

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("page_size", PAGE_SIZE)
        kwargs.setdefault("max_page_size", MAX_PAGE_SIZE)
        super().__init__(**kwargs)


class MunicipalityOut(Schema):
    slug: str
    name: str
    land: str
    description: str
    url: str

    @staticmethod
    def resolve_url(obj: Municipality) -> str:
        return obj.get_absolute_url()


class NeighborhoodRef(Schema):
    """A neighbourhood named in another object (actors, forums, …)."""

    slug: str
    name: str


class NeighborhoodOut(Schema):
    slug: str
    name: str
    description: str
    population: int | None
    boundary: dict[str, Any] | None

    @staticmethod
    def resolve_boundary(obj: Neighborhood) -> dict[str, Any] | None:
        """The boundary as a GeoJSON geometry (a stored Feature is unwrapped)."""
        value = obj.boundary
        if isinstance(value, dict) and value.get("type") == "Feature":
            value = value.get("geometry")
        return value if isinstance(value, dict) else None


@router.get(
    "/municipalities",
    response=list[MunicipalityOut],
    summary="Kommunen dieser Instanz",
)
@paginate(Pages)
def municipality_list(request: HttpRequest) -> QuerySet[Municipality]:
    """Die aktiven Kommunen, alphabetisch."""
    return Municipality.objects.active().order_by("name", "pk")


@router.get(
    "/municipalities/{slug}",
    response=MunicipalityOut,
    summary="Eine Kommune",
)
def municipality_detail(request: HttpRequest, slug: str) -> Municipality:
    municipality = municipality_for(request, slug)
    require(request, "core.view_municipality")
    return municipality


@router.get(
    "/municipalities/{slug}/neighborhoods",
    response=list[NeighborhoodOut],
    summary="Quartiere einer Kommune",
)
@paginate(Pages)
def neighborhood_list(request: HttpRequest, slug: str) -> QuerySet[Neighborhood]:
    """Die Quartiere mit ihrer Grenze als GeoJSON-Geometrie (Polygon/MultiPolygon)."""
    municipality = municipality_for(request, slug)
    require(request, "core.view_neighborhood")
    return Neighborhood.objects.of(municipality).order_by("name", "pk")
