"""Imprint, privacy notice and accessibility statement: the operator's and each
municipality's (docs/privacy.md)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from quartier.core.gate import require
from quartier.legal import services
from quartier.legal.defaults import template_body
from quartier.legal.forms import LegalPageForm
from quartier.legal.models import LegalPage


def _show(request: HttpRequest, kind: str) -> HttpResponse:
    municipality = getattr(request, "municipality", None)
    require(request, "legal.view_legalpage")
    page = services.page_for(municipality, kind)
    return render(
        request,
        "legal/page.html",
        {
            "kind": kind,
            "title": LegalPage.Kind(kind).label,
            "page": page,
            # Sanitised on save (LegalPage.save); the template is our own text.
            "body": mark_safe(page.body if page else template_body(kind)),  # noqa: S308
            "is_template": page is None,
            "is_operator_default": page is not None and page.municipality_id is None,
        },
    )


def operator_page(request: HttpRequest, kind: str) -> HttpResponse:
    return _show(request, kind)


def municipality_page(request: HttpRequest, kind: str) -> HttpResponse:
    return _show(request, kind)


def edit(request: HttpRequest, kind: str) -> HttpResponse:
    municipality = request.municipality  # type: ignore[attr-defined]
    require(request, "legal.change_legalpage")
    current = services.page_for(municipality, kind)
    initial = current.body if current else template_body(kind)
    form = LegalPageForm(request.POST or None, initial={"body": initial})
    if request.method == "POST" and form.is_valid():
        services.legal_page_save(
            by=request.user,
            municipality=municipality,
            kind=kind,
            body=form.cleaned_data["body"],
        )
        messages.success(request, _("The page was saved."))
        return redirect(f"legal:{kind}", municipality_slug=municipality.slug)
    return render(
        request,
        "legal/page_form.html",
        {"form": form, "kind": kind, "title": LegalPage.Kind(kind).label},
    )
