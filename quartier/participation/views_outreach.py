"""Reaching people who do not come online: QR-code posters per neighbourhood and per
meeting place, the printable paper form, and the plain-language mode ("Einfache
Sprache").

Who may do what (docs/outreach.md, docs/permissions.md): the posters page and the
poster PDFs are for the coordination (they print and hang them); the paper form, the
short poster addresses, the page "Was ist Einfache Sprache?" and the switch are for
everybody.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

import segno
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from quartier.core.context_processors import PLAIN_LANGUAGE_COOKIE
from quartier.core.gate import get_object_for, require
from quartier.core.models import Neighborhood
from quartier.core.pdf import pdf_response
from quartier.participation import rules_outreach  # noqa: F401  (registers the perms)

PLAIN_COOKIE_AGE = 365 * 24 * 3600


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


def _paper_choices(municipality: Any) -> dict[str, Any]:
    from quartier.participation import models as participation

    topics = list(participation.Topic.objects.of(municipality))
    if not topics:
        topics = [label for _value, label in participation.Layer.choices]
    common = ["de", "tr", "ar", "uk", "en", "ru", "ro"]
    languages = dict(participation.Language.choices)
    return {
        "kinds": [label for _value, label in participation.Kind.choices],
        "topics": topics,
        "languages": [languages[code] for code in common if code in languages],
    }


@require_GET
def paper_form(request: HttpRequest) -> HttpResponse:
    """The contribution form on paper, to fill in by hand and hand in; the
    coordination types it in later (channel "Papier")."""
    municipality = request.municipality  # type: ignore[attr-defined]
    context = {
        "neighborhoods": Neighborhood.objects.of(municipality),
        "url": form_url(request, None),
        "short_url": short_url(request, None),
        **_paper_choices(municipality),
    }
    return pdf_response(
        "participation/paper_form.html", context, "beitrag-auf-papier.pdf", request
    )


@require_GET
def plain_language_page(request: HttpRequest) -> HttpResponse:
    """ "Was ist Einfache Sprache?" """
    return render(request, "participation/plain_language.html")


def _same_origin(request: HttpRequest) -> bool:
    origin = request.headers.get("Origin")
    if not origin or origin == "null":
        referer = request.headers.get("Referer")
        if not referer:
            return True
        origin = referer
    return urlsplit(origin).netloc == request.get_host()


# No CSRF token: a token on every page would make every guest page uncacheable
# (core/pagecache.py), and the switch only changes how this browser shows pages, like
# the language link. A foreign site's form is still refused by its Origin/Referer.
@csrf_exempt
@require_POST
def plain_language_toggle(request: HttpRequest) -> HttpResponse:
    """Switch "Einfache Sprache" on or off (cookie) and go back to `next`."""
    if not _same_origin(request):
        raise PermissionDenied
    wanted = request.POST.get("plain")
    if wanted not in ("0", "1"):
        wanted = "0" if request.COOKIES.get(PLAIN_LANGUAGE_COOKIE) == "1" else "1"
    next_url = request.POST.get("next") or "/"
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = "/"
    response = redirect(next_url)
    if wanted == "1":
        response.set_cookie(
            PLAIN_LANGUAGE_COOKIE,
            "1",
            max_age=PLAIN_COOKIE_AGE,
            samesite="Lax",
            httponly=True,
            secure=request.is_secure(),
        )
    else:
        response.delete_cookie(PLAIN_LANGUAGE_COOKIE, samesite="Lax")
    return response
