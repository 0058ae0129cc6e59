"""Absolute links for e-mails: the one place that decides where a link points.

A mail sent while handling a request links to the scheme and host that request came
in on (a demo on port 8100 mails links to port 8100; a municipality reached under
its own domain mails that domain). `settings.SITE_URL` is used only for mails sent
without a request: digests, reminders, background jobs. The host comes from
`request.get_host()`, which Django checks against ALLOWED_HOSTS, so a forged Host
header cannot put a foreign address into a mail.

`CurrentRequestMiddleware` remembers the request's base address for the duration of
the request (a context variable, safe with threads and async), so services call
`absolute_url(path)` without being handed the request.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.http import HttpRequest, HttpResponse

_base_url: ContextVar[str | None] = ContextVar("quartier_base_url", default=None)


def base_url_of(request: HttpRequest) -> str:
    """ "https://host[:port]" of a request, without a trailing slash."""
    return f"{request.scheme}://{request.get_host()}"


def base_url() -> str:
    """The current request's base address, else SITE_URL (no trailing slash)."""
    return _base_url.get() or settings.SITE_URL.rstrip("/")


def absolute_url(path: str) -> str:
    """An absolute link to `path` (starting with "/") for an e-mail; an address that
    is already absolute is returned unchanged."""
    if path.startswith(("http://", "https://")):
        return path
    return base_url() + path


def site_url(path: str = "") -> str:
    """The configured public address (SITE_URL) whatever the request: for paper
    (posters, QR codes) that must outlive a demo's host and port."""
    return settings.SITE_URL.rstrip("/") + path


@contextmanager
def links_for(request: HttpRequest | None) -> Iterator[None]:
    """Build links from `request` inside the block (None: from SITE_URL)."""
    token = _base_url.set(base_url_of(request) if request is not None else None)
    try:
        yield
    finally:
        _base_url.reset(token)


class CurrentRequestMiddleware:
    """Links built while a request is handled point to that request's host."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            base: str | None = base_url_of(request)
        except DisallowedHost:  # CommonMiddleware answers 400 for it
            base = None
        token = _base_url.set(base)
        try:
            return self.get_response(request)
        finally:
            _base_url.reset(token)
