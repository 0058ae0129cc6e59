"""PDF documents (posters, letters, printable directories) with WeasyPrint.

Templates are ordinary Django templates extending "pdf/base.html"; images and
styles are read from the app's own static files, never from the network.

Every PDF is made here, and every one is tagged PDF/UA-1: the structure tree carries
the language, headings, tables and the alt text of every image (QR codes, charts), so
screen readers read it (BITV 2.0 covers PDF documents too). core/tests/test_pdf.py
holds both guarantees.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.staticfiles import finders
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string


def _fetch_local_only(url: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
    """WeasyPrint's URL fetcher, restricted to our static files and data: URLs."""
    from weasyprint.urls import default_url_fetcher

    if url.startswith("data:"):
        return default_url_fetcher(url, *args, **kwargs)
    static = settings.STATIC_URL
    if static in url:
        path = finders.find(url.split(static, 1)[1].split("?")[0])
        if path:
            return default_url_fetcher(f"file://{path}", *args, **kwargs)
    raise ValueError(f"PDF documents load nothing from outside: {url}")


def render_pdf_bytes(
    template: str, context: dict[str, Any], request: HttpRequest | None = None
) -> bytes:
    from weasyprint import HTML

    html = render_to_string(template, context, request=request)
    base_url = request.build_absolute_uri("/") if request is not None else None
    pdf: bytes = HTML(
        string=html, base_url=base_url, url_fetcher=_fetch_local_only
    ).write_pdf(pdf_variant="pdf/ua-1")
    return pdf


def pdf_response(
    template: str,
    context: dict[str, Any],
    filename: str,
    request: HttpRequest | None = None,
    *,
    inline: bool = True,
) -> HttpResponse:
    """A PDF as the answer to a request; `filename` ends in .pdf."""
    response = HttpResponse(
        render_pdf_bytes(template, context, request), content_type="application/pdf"
    )
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response
