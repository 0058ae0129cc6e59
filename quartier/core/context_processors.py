"""Template context shared by every page."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest

from quartier.core.roles import Role, rank


def quartier(request: HttpRequest) -> dict[str, Any]:
    municipality = getattr(request, "municipality", None)
    role = None
    if municipality is not None and request.user.is_authenticated:
        role = request.user.role_in(municipality)  # type: ignore[union-attr]
    return {
        "municipality": municipality,
        "current_role": role,
        "is_staff_here": rank(role) >= rank(Role.COORDINATOR),
        "is_admin_here": rank(role) >= rank(Role.ADMIN),
        "MAP_TILE_URL": settings.MAP_TILE_URL,
        "MAP_ATTRIBUTION": settings.MAP_ATTRIBUTION,
    }
