"""Which interface language a request gets (docs/languages.md).

In this order: the stored preferred language of a signed-in person (applied in
LanguageMiddleware.process_view, once the user is known), the language cookie the
switch sets, the best supported language of the browser's Accept-Language on a first
visit, and German when nothing matches. URLs stay the same in every language.

The guests' page cache (core/pagecache.py) keys on `requested_language`, so that two
guests whose browsers ask for different languages never share a stored page.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


def supported() -> set[str]:
    return {code for code, _name in settings.LANGUAGES}


def accepted_language(header: str) -> str | None:
    """The supported language the Accept-Language header ranks highest, or None.

    "tr-TR,tr;q=0.9,en;q=0.5" → "tr"; a region (tr-TR) falls back to its language;
    "*" and unknown languages are skipped; q=0 means "not this one".
    """
    codes = supported()
    ranked: list[tuple[float, int, str]] = []
    for position, part in enumerate(header.split(",")):
        tag, _sep, params = part.strip().partition(";")
        quality = 1.0
        for param in params.split(";"):
            name, _eq, value = param.strip().partition("=")
            if name == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        primary = tag.strip().lower().split("-")[0]
        if quality > 0 and primary in codes:
            ranked.append((-quality, position, primary))
    return min(ranked)[2] if ranked else None


def requested_language(request: HttpRequest) -> str:
    """The language of a request before we know who is signed in."""
    chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    if chosen in supported():
        return str(chosen)
    accepted = accepted_language(request.headers.get("Accept-Language", ""))
    return accepted or settings.LANGUAGE_CODE
