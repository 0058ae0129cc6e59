"""The plain-language mode ("Einfache Sprache"): the page that explains it and the
switch (a cookie) that turns it on or off on every page (docs/outreach.md)."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from quartier.core.context_processors import PLAIN_LANGUAGE_COOKIE

PLAIN_COOKIE_AGE = 365 * 24 * 3600


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
