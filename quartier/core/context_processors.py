"""Template context shared by every page."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest

from quartier.core.roles import Role, rank

# "Einfache Sprache": the visitor's choice, remembered in this cookie ("1" = on);
# set by quartier.participation.views.plain_language.plain_language_toggle and part
# of the guest page cache's key (core/pagecache.py).
PLAIN_LANGUAGE_COOKIE = "quartier_plain"


def plain_language(request: HttpRequest) -> bool:
    return request.COOKIES.get(PLAIN_LANGUAGE_COOKIE) == "1"


# The item of the main navigation (and "My overview") that the page belongs to, so
# base.html marks it aria-current and keys its kept navigation (`{% memo %}`) on one
# word instead of the view's name: by view name first, then by URL namespace.
NAV_SECTION_BY_VIEW = {
    "core:municipality": "overview",
    "core:overview": "my_overview",
    "forums:list": "forums",
    "forums:decisions": "decisions",
}
NAV_SECTION_BY_APP = {
    "participation": "participation",
    "surveys": "participation",
    "directory": "directory",
    "actors": "actors",
    "initiatives": "initiatives",
    "rooms": "rooms",
    "funds": "funds",
    "members": "members",
}


def nav_section(request: HttpRequest) -> str:
    match = getattr(request, "resolver_match", None)
    if match is None:
        return ""
    section = NAV_SECTION_BY_VIEW.get(match.view_name)
    if section is None:
        section = NAV_SECTION_BY_APP.get(match.app_name, "")
    return section


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
        "plain_language": plain_language(request),
        "nav_section": nav_section(request),
    }
