"""The neighbourhoods as open data (core/open_datasets.py): name, inhabitants,
boundary and centre as GeoJSON. Core owns the model; this app publishes it, so
core does not depend on the open-data registry it holds."""

from __future__ import annotations

from typing import Any

from django.db.models import Max
from django.http import HttpResponse
from django.utils.translation import gettext_lazy as _l

from quartier.core import open_datasets as od


def geometry(boundary: Any) -> dict[str, Any] | None:
    """The boundary's geometry (a Feature's geometry, or the geometry itself)."""
    if not isinstance(boundary, dict):
        return None
    if boundary.get("type") == "Feature":
        boundary = boundary.get("geometry")
    return boundary if isinstance(boundary, dict) else None


def centre(shape: dict[str, Any] | None) -> list[float] | None:
    """The middle of the boundary's bounding box [longitude, latitude], rounded to
    six places (about 10 cm): a label point, not a centroid."""
    if not shape:
        return None
    polygons = (
        [shape["coordinates"]]
        if shape.get("type") == "Polygon"
        else shape.get("coordinates", [])
    )
    points = [pos for polygon in polygons for pos in (polygon[0] if polygon else [])]
    if not points:
        return None
    lons, lats = [p[0] for p in points], [p[1] for p in points]
    return [
        round((min(lons) + max(lons)) / 2, 6),
        round((min(lats) + max(lats)) / 2, 6),
    ]


def member_names(municipality: Any) -> Any:
    """The names members of the municipality show to others."""
    from quartier.accounts.models import User

    return User.objects.filter(memberships__municipality=municipality).values_list(
        "display_name", flat=True
    )


od.register_person_names(member_names)


def neighbourhoods_geojson(request: Any) -> HttpResponse:
    from quartier.core.models import Neighborhood

    scrub = od.redactor(request.municipality)
    features = []
    for hood in Neighborhood.objects.of(request.municipality).order_by("name", "id"):
        shape = geometry(hood.boundary)
        features.append(
            {
                "type": "Feature",
                "id": hood.slug,
                "geometry": shape,
                "properties": {
                    "name": hood.name,
                    "slug": hood.slug,
                    "description": scrub(hood.description),
                    "inhabitants": hood.population,
                    "centre": centre(shape),
                },
            }
        )
    slug = request.municipality.slug
    return od.geojson_response(f"quartiere-{slug}.geojson", features)


def _changed(municipality: Any) -> Any:
    from quartier.core.models import Neighborhood

    history = Neighborhood.history.filter(municipality=municipality)
    return history.aggregate(m=Max("history_date"))["m"]


od.register(
    od.Dataset(
        key="neighbourhoods",
        title=_l("Neighbourhoods"),
        description=_l(
            "The neighbourhoods the neighbourhood work is organised by: name, "
            "description, number of inhabitants, boundary and centre."
        ),
        distributions=(od.Distribution("GEOJSON", build=neighbourhoods_geojson),),
        frequency=od.IRREGULAR,
        last_change=_changed,
        keywords=(_l("neighbourhoods"), _l("boundaries"), _l("inhabitants")),
        themes=(od.THEME_REGIONS,),
        position=80,
    ),
)
