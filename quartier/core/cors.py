"""Public reads may be fetched from any web page: `Access-Control-Allow-Origin: *`.

Open data is only useful if a municipality's or a newspaper's web page can load it
with `fetch()`. This middleware adds the header, in one place, to
- every read (GET/HEAD) of the REST API below /api/v1/ and of the OParl server
  below /oparl/, and
- every calendar feed (text/calendar), CSV export (text/csv), GeoJSON file and
  linked-data catalogue (JSON-LD, RDF/XML), wherever it lives, so a new feed is
  covered without a decorator, and every file of the open-data page
  (/…/open-data/files/, e.g. HSDS as JSON).

Never on a personalised answer: a request with a session (signed in) or an
`Authorization` header gets no CORS header at all, and `Access-Control-Allow-
Credentials` is never sent — so another site cannot read what a signed-in person
sees. The answer varies on `Cookie` and `Authorization` for caches. The HSDS API
(/…/hsds/) sets its own headers and is left alone.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_vary_headers

READ_METHODS = ("GET", "HEAD")
API_PREFIX = "/api/v1/"
# Quartier's own OParl 1.1 server (quartier/oparl, docs/oparl.md): public objects only.
OPARL_PREFIX = "/oparl/"
FEED_TYPES = (
    "text/calendar",
    "text/csv",
    "application/geo+json",
    "application/ld+json",
    "application/rdf+xml",
)
# The files of the open-data page (quartier/opendata), e.g. HSDS as JSON.
OPEN_DATA_FILES = "/open-data/files/"


def is_public_read(request: HttpRequest, response: HttpResponse) -> bool:
    """Whether `response` is one of the public reads that any origin may fetch."""
    if request.method not in READ_METHODS or "/hsds/" in request.path:
        return False
    content_type = response.get("Content-Type", "").split(";")[0].strip().lower()
    if not (
        request.path.startswith((API_PREFIX, OPARL_PREFIX))
        or content_type in FEED_TYPES
        or OPEN_DATA_FILES in request.path
    ):
        return False
    user = getattr(request, "user", None)
    signed_in = user is not None and user.is_authenticated
    return not signed_in and not request.headers.get("Authorization")


class PublicReadCorsMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.path.startswith((API_PREFIX, OPARL_PREFIX)):
            patch_vary_headers(response, ["Cookie", "Authorization"])
        if is_public_read(request, response):
            response["Access-Control-Allow-Origin"] = "*"
        return response
