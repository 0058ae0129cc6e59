"""A short-lived cache of whole pages for guests.

Most visitors of a municipality's public pages are not signed in, and what they see is
the same for all of them. Such responses are kept for ANON_CACHE_SECONDS (default 30)
and served without touching the database; see docs/benchmarks.md for the effect.

A response is cached only when the request carries no session, no messages and no
Authorization header, and the response is a plain 200 that sets no cookie and used no
CSRF token.

Cookies personalise pages (the language, "Einfache Sprache", a survey's "you have
already answered"). So the key holds the name and value of EVERY cookie the request
carries, except the few listed in CONTENT_NEUTRAL_COOKIES with the reason why they
cannot change a stored page. A module that adds a cookie is thereby keyed on it
without registering anything: the safe default is "varies", not "shared". Guests who
carry a personal cookie (a survey's random id) get pages of their own; everyone else
still shares one entry. See docs/security.md, "Page cache".

Every successful write (POST, PUT, PATCH, DELETE) bumps a version that is
part of every key, so the next guest sees the change at once — in every process when
CACHE_URL points at a shared cache (Redis), within ANON_CACHE_SECONDS otherwise.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse

from quartier.core.languages import requested_language

VERSION_KEY = "qpc:version"
SKIP_PREFIXES = ("/accounts/", "/admin/", "/static/", "/media/", "/healthz", "/i18n/")

# A request that carries one of these is personal: never served from the cache, and
# what it gets is never stored.
PERSONAL_COOKIES = (settings.SESSION_COOKIE_NAME, "messages")
# Cookies left out of the key, each with the reason it cannot change a stored page.
CONTENT_NEUTRAL_COOKIES = {
    settings.CSRF_COOKIE_NAME: "a page that renders the CSRF token is never stored "
    "(_cacheable_response refuses CSRF_COOKIE_NEEDS_UPDATE)",
}


def bump() -> None:
    """Invalidate every cached page (call after a write outside a web request)."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 1, timeout=None)


def varying_cookies(request: HttpRequest) -> list[tuple[str, str]]:
    """The cookies that are part of the key: all but the content-neutral ones."""
    return sorted(
        (name, value)
        for name, value in request.COOKIES.items()
        if name not in CONTENT_NEUTRAL_COOKIES
    )


def _key(request: HttpRequest, version: int) -> str:
    cookies = "&".join(f"{name}={value}" for name, value in varying_cookies(request))
    htmx = f"{request.headers.get('HX-Request', '')}:{request.headers.get('HX-Target', '')}"
    # The language a guest without a cookie gets follows Accept-Language
    # (core/languages.py): the same URL is a different page in each language.
    language = requested_language(request)
    digest = hashlib.sha256(
        f"{request.get_host()}|{request.get_full_path()}|{cookies}|{htmx}|{language}".encode()
    ).hexdigest()[:40]
    return f"qpc:{version}:{digest}"


def _cacheable_request(request: HttpRequest) -> bool:
    return (
        request.method == "GET"
        and not any(name in request.COOKIES for name in PERSONAL_COOKIES)
        and "Authorization" not in request.headers
        and not request.path.startswith(SKIP_PREFIXES)
    )


def _cacheable_response(request: HttpRequest, response: HttpResponse) -> bool:
    cache_control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and "private" not in cache_control
        and "no-store" not in cache_control
        and "no-cache" not in cache_control
    )


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method not in ("GET", "HEAD", "OPTIONS"):
            response = self.get_response(request)
            # Also with the page cache off: other kept values are keyed on the
            # version too (opendata/kept.py).
            if response.status_code < 400:
                bump()
            return response
        seconds = settings.ANON_CACHE_SECONDS
        if not seconds:
            return self.get_response(request)
        if not _cacheable_request(request):
            return self.get_response(request)
        key = _key(request, cache.get(VERSION_KEY, 0))
        stored = cache.get(key)
        if stored is not None:
            content, headers = stored
            response = HttpResponse(content)
            for name, value in headers:
                response[name] = value
            return response
        response = self.get_response(request)
        if _cacheable_response(request, response):
            cache.set(key, (response.content, list(response.items())), seconds)
        return response
