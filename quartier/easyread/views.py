"""The Leichte-Sprache pages: public, the same for everyone (quartier/easyread/pages.py)."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from quartier.core.gate import require
from quartier.core.models import TenantRequest
from quartier.easyread.pages import BY_SLUG, PAGES


@require_GET
def index(request: TenantRequest) -> HttpResponse:
    require(request, "core.view_municipality")
    return render(request, "easyread/index.html", {"pages": PAGES})


@require_GET
def page(request: TenantRequest, slug: str) -> HttpResponse:
    require(request, "core.view_municipality")
    found = BY_SLUG.get(slug)
    if found is None:
        raise Http404
    explained = reverse(
        found.explains, kwargs={"municipality_slug": request.municipality.slug}
    )
    context = {"page": found, "explained": explained, "pages": PAGES}
    return render(request, f"easyread/{found.slug}.html", context)
