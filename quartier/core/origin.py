"""Same-origin guard for the few web views that take a POST without a CSRF token.

Django's CSRF middleware protects every other form. A view marked `csrf_exempt`
outside the API (e.g. the plain-language switch, which must work from cached guest
pages that carry no token) would otherwise accept a form from any site. This
middleware closes that class in one place, so a new module cannot forget the check:

- a state-changing request (POST, PUT, PATCH, DELETE) to a `csrf_exempt` view is
  refused (403) unless its `Origin` — or, without one, its `Referer` — names this
  host;
- `Origin: null` (sandboxed frames, `data:` pages, some cross-site redirects) is
  never same-origin: it is refused, not treated as missing;
- a request with neither header (not a browser: scripts, curl) passes, as browsers
  always send `Origin` with a cross-site POST.

The API (`/api/`) authenticates by token or session with CSRF of its own and is not
touched here. A view that only reads (a public read API answering 405 to writes)
says so with `@writes_nothing`; it is left to answer the write itself, and
tests/test_origin.py checks that it does refuse it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

SAFE_METHODS = ("GET", "HEAD", "OPTIONS", "TRACE")
API_PREFIX = "/api/"


def is_same_origin(request: HttpRequest) -> bool:
    """True when the request comes from a page of this host (see the module doc)."""
    origin = request.headers.get("Origin")
    if origin is not None:
        if origin.strip().lower() == "null":
            return False
        source = origin
    else:
        referer = request.headers.get("Referer")
        if not referer:
            return True
        source = referer
    parts = urlsplit(source)
    if parts.scheme not in ("http", "https"):
        return False
    return parts.netloc.lower() == request.get_host().lower()


def writes_nothing(view: Callable[..., Any]) -> Callable[..., Any]:
    """Mark a `csrf_exempt` view that never changes state (it answers every write
    with 405 itself), so the same-origin guard leaves it alone."""
    view.writes_nothing = True  # type: ignore[attr-defined]
    return view


class SameOriginMiddleware:
    """Refuse cross-origin writes to views that opted out of CSRF (module doc)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self,
        request: HttpRequest,
        view_func: Callable[..., Any],
        view_args: tuple[Any, ...],
        view_kwargs: dict[str, Any],
    ) -> HttpResponse | None:
        if request.method in SAFE_METHODS or request.path.startswith(API_PREFIX):
            return None
        if getattr(view_func, "writes_nothing", False):
            return None
        if getattr(view_func, "csrf_exempt", False) and not is_same_origin(request):
            raise PermissionDenied
        return None
