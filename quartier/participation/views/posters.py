"""QR-code posters per neighbourhood and per meeting place, and the short address
printed on them (docs/outreach.md). The posters are for the coordination: they
print and hang them; the short address is for everybody."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

import segno
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET

from quartier.core.gate import get_object_for, require
from quartier.core.models import Neighborhood
from quartier.core.pdf import pdf_response


def _meeting_places(municipality: Any) -> Any:
    """The municipality's meeting places (directory app), or none when the directory
    is not installed."""
    try:
        from quartier.directory.models import Location
    except ImportError:  # pragma: no cover - the directory app is part of Quartier
        return []
    places = Location.objects.of(municipality).filter(is_meeting_place=True)
    if hasattr(Location, "archived_at"):
        places = places.filter(archived_at__isnull=True)
    return places.select_related("neighborhood", "municipality").order_by("name")


def absolute(request: HttpRequest, path: str) -> str:
    """An address for paper: SITE_URL when configured, else the one asked for."""
    base = (getattr(settings, "SITE_URL", "") or "").rstrip("/")
    return f"{base}{path}" if base else request.build_absolute_uri(path)


def form_url(request: HttpRequest, neighborhood: Neighborhood | None) -> str:
    """The contribution form, with the neighbourhood chosen when there is one."""
    path = reverse(
        "participation:new",
        kwargs={"municipality_slug": request.municipality.slug},  # type: ignore[attr-defined]
    )
    if neighborhood is not None:
        path = f"{path}?neighborhood={neighborhood.pk}"
    return absolute(request, path)


def short_url(request: HttpRequest, neighborhood: Neighborhood | None) -> str:
    """A short address to type from the poster (scheme left out)."""
    slug = request.municipality.slug  # type: ignore[attr-defined]
    if neighborhood is not None:
        path = reverse(
            "participation:short",
            kwargs={"municipality_slug": slug, "neighborhood": neighborhood.slug},
        )
    else:
        path = reverse("participation:new", kwargs={"municipality_slug": slug})
    parts = urlsplit(absolute(request, path))
    return f"{parts.netloc}{parts.path}".rstrip("/")


def qr_data_uri(url: str) -> str:
    """The QR code of `url` as an SVG data URI, drawn here (no outside service)."""
    return segno.make(url, error="m").svg_data_uri(scale=10, border=2, dark="#000")


def _poster(
    request: HttpRequest,
    *,
    neighborhood: Neighborhood | None,
    place: Any = None,
    filename: str,
) -> HttpResponse:
    url = form_url(request, neighborhood)
    context = {
        "neighborhood": neighborhood,
        "place": place,
        "url": url,
        "short_url": short_url(request, neighborhood),
        "qr": qr_data_uri(url),
    }
    return pdf_response("participation/poster.html", context, filename, request)


@require_GET
def posters(request: HttpRequest) -> HttpResponse:
    require(request, "participation.print_posters")
    municipality = request.municipality  # type: ignore[attr-defined]
    context = {
        "neighborhoods": Neighborhood.objects.of(municipality),
        "places": _meeting_places(municipality),
    }
    return render(request, "participation/posters.html", context)


@require_GET
def poster_neighborhood(request: HttpRequest, slug: str) -> HttpResponse:
    require(request, "participation.print_posters")
    neighborhood = get_object_for(request, Neighborhood.objects.all(), slug=slug)
    return _poster(
        request, neighborhood=neighborhood, filename=f"plakat-{neighborhood.slug}.pdf"
    )


@require_GET
def poster_place(request: HttpRequest, pk: Any) -> HttpResponse:
    require(request, "participation.print_posters")
    from quartier.directory.models import Location

    place = get_object_for(
        request,
        Location.objects.filter(is_meeting_place=True).select_related("neighborhood"),
        pk=pk,
    )
    return _poster(
        request,
        neighborhood=getattr(place, "neighborhood", None),
        place=place,
        filename="plakat-begegnungsort.pdf",
    )


@require_GET
def short(request: HttpRequest, neighborhood: str) -> HttpResponse:
    """The short address printed on a poster: on to the form, neighbourhood chosen."""
    found = get_object_for(request, Neighborhood.objects.all(), slug=neighborhood)
    path = reverse(
        "participation:new",
        kwargs={"municipality_slug": request.municipality.slug},  # type: ignore[attr-defined]
    )
    return redirect(f"{path}?neighborhood={found.pk}")
