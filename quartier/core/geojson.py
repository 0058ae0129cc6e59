"""Validation of GeoJSON neighbourhood boundaries (RFC 7946), without GDAL."""

from __future__ import annotations

import json
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_AREA_TYPES = {"Polygon", "MultiPolygon"}


def _check_position(pos: Any) -> None:
    if (
        not isinstance(pos, list)
        or len(pos) < 2
        or not all(isinstance(c, int | float) and not isinstance(c, bool) for c in pos)
    ):
        raise ValidationError(
            _("Every position must be a list of two numbers [longitude, latitude]."),
            code="geojson",
        )
    lon, lat = pos[0], pos[1]
    if not (-180 <= lon <= 180 and -90 <= lat <= 90):
        raise ValidationError(
            _("Coordinates must lie within longitude −180…180 and latitude −90…90."),
            code="geojson",
        )


def _check_polygon(rings: Any) -> None:
    if not isinstance(rings, list) or not rings:
        raise ValidationError(_("A polygon needs at least one ring."), code="geojson")
    for ring in rings:
        if not isinstance(ring, list) or len(ring) < 4:
            raise ValidationError(
                _("Every ring of a polygon needs at least four positions."),
                code="geojson",
            )
        for pos in ring:
            _check_position(pos)
        if ring[0] != ring[-1]:
            raise ValidationError(
                _("A ring must end at the position where it starts."), code="geojson"
            )


def validate_boundary(value: Any) -> None:
    """Accept a Polygon or MultiPolygon geometry, or a Feature holding one."""
    if value in (None, ""):
        return
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except json.JSONDecodeError as exc:
            raise ValidationError(_("This is not valid JSON."), code="geojson") from exc
    if not isinstance(value, dict):
        raise ValidationError(_("GeoJSON must be a JSON object."), code="geojson")
    if value.get("type") == "Feature":
        value = value.get("geometry")
        if not isinstance(value, dict):
            raise ValidationError(_("The Feature has no geometry."), code="geojson")
    kind = value.get("type")
    if kind not in _AREA_TYPES:
        raise ValidationError(
            _("The boundary must be a Polygon or MultiPolygon, not “%(type)s”."),
            params={"type": kind},
            code="geojson",
        )
    coords = value.get("coordinates")
    if kind == "Polygon":
        _check_polygon(coords)
    else:
        if not isinstance(coords, list) or not coords:
            raise ValidationError(
                _("A MultiPolygon needs at least one polygon."), code="geojson"
            )
        for polygon in coords:
            _check_polygon(polygon)
