"""Start page, municipality home, neighbourhoods, settings, audit log, health."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from quartier.core import audit, health, services, worklist
from quartier.core.forms import MunicipalitySettingsForm, NeighborhoodForm
from quartier.core.gate import get_object_for, require
from quartier.core.models import AuditEntry, Municipality, Neighborhood, TenantRequest
from quartier.core.modules import (
    grouped,
    home_sections_for,
    modules_for,
    sections_for,
)


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    municipalities = Municipality.objects.active()
    return render(request, "core/index.html", {"municipalities": municipalities})


@require_GET
def municipality_home(request: TenantRequest) -> HttpResponse:
    municipality = request.municipality
    require(request, "core.view_municipality")
    neighborhoods = Neighborhood.objects.of(municipality)
    return render(
        request,
        "core/municipality_home.html",
        {
            "neighborhoods": neighborhoods,
            "module_groups": grouped(modules_for(request)),
            "sections": home_sections_for(request),
        },
    )


@require_GET
def overview(request: TenantRequest) -> HttpResponse:
    """“Meine Übersicht”: the person's work queues and their own things here."""
    require(request, "core.view_overview")
    municipality = request.municipality
    context = {
        "work": worklist.fill(request.user, municipality, worklist.WORK),
        "mine": worklist.fill(request.user, municipality, worklist.MINE),
    }
    return render(request, "core/overview.html", context)


@require_GET
def neighborhood_detail(request: TenantRequest, slug: str) -> HttpResponse:
    neighborhood = get_object_for(request, Neighborhood.objects.all(), slug=slug)
    return render(
        request,
        "core/neighborhood_detail.html",
        {"neighborhood": neighborhood, "sections": sections_for(request, neighborhood)},
    )


def neighborhood_edit(request: TenantRequest, slug: str | None = None) -> HttpResponse:
    neighborhood = None
    if slug is not None:
        neighborhood = get_object_for(
            request, Neighborhood.objects.all(), "core.change_neighborhood", slug=slug
        )
    else:
        require(request, "core.add_neighborhood")
    form = NeighborhoodForm(
        request.POST or None, instance=neighborhood, municipality=request.municipality
    )
    if request.method == "POST" and form.is_valid():
        saved = services.neighborhood_save(
            by=request.user,
            municipality=request.municipality,
            neighborhood=neighborhood,
            **form.cleaned_data,
        )
        messages.success(request, _("The neighbourhood “%s” was saved.") % saved.name)
        return redirect(
            "core:neighborhood",
            municipality_slug=request.municipality.slug,
            slug=saved.slug,
        )
    return render(
        request,
        "core/neighborhood_form.html",
        {"form": form, "neighborhood": neighborhood},
    )


def municipality_settings(request: TenantRequest) -> HttpResponse:
    require(request, "core.change_municipality")
    form = MunicipalitySettingsForm(request.POST or None, instance=request.municipality)
    if request.method == "POST" and form.is_valid():
        # The form has already written its values onto the instance; the service
        # re-checks permission, validates and records the change.
        services.municipality_update(
            by=request.user, municipality=request.municipality, **form.cleaned_data
        )
        messages.success(request, _("The settings were saved."))
        return redirect("core:settings", municipality_slug=request.municipality.slug)
    return render(request, "core/municipality_settings.html", {"form": form})


@require_GET
def audit_log(request: TenantRequest) -> HttpResponse:
    require(request, "core.view_auditentry")
    entries = AuditEntry.objects.filter(
        municipality=request.municipality
    ).select_related("user")
    kind = request.GET.get("kind")
    if kind in AuditEntry.Kind.values:
        entries = entries.filter(kind=kind)
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    query = f"kind={kind}" if kind in AuditEntry.Kind.values else ""
    # Words, not codes: "Jury verwalten", 'Quartiersfonds „…“' (core/audit.py).
    names = audit.readable_targets(entry.target for entry in page)
    rows = [
        (entry, audit.readable_action(entry.action), names.get(entry.target))
        for entry in page
    ]
    context = {"page": page, "rows": rows, "kind": kind, "query": query}
    return render(request, "core/audit_log.html", context)


@require_GET
def set_language(request: HttpRequest, code: str = "") -> HttpResponse:
    """Switch the interface language by a plain link (`/i18n/en/`) or the switch's
    GET form (`/i18n/?language=en`): both work without JavaScript, and a GET form
    needs no CSRF token, so pages with the switch stay in the guests' page cache.

    A signed-in person's choice is also stored as their preferred language: it
    follows them to other devices and chooses the language of their e-mails.
    """
    code = code or request.GET.get("language", "")
    if code not in dict(settings.LANGUAGES):
        raise Http404
    next_url = request.GET.get("next", "/")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = "/"
    if request.user.is_authenticated:
        # The user model is accounts'; core only sets the one field.
        get_user_model().objects.filter(pk=request.user.pk).update(
            preferred_language=code
        )
    response = redirect(next_url)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        code,
        max_age=365 * 24 * 3600,
        samesite="Lax",
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
    )
    return response


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """Database, cache and queue, each with its own word (core/health.py); 503 when
    any of them fails, with the first failure's reason."""
    ok, checks = health.healthy()
    body: dict[str, Any] = {"status": "ok" if ok else "error"}
    body.update({name: check["status"] for name, check in checks.items()})
    reasons = [check["reason"] for check in checks.values() if "reason" in check]
    if reasons:
        body["reason"] = reasons[0]
    body["details"] = checks
    return JsonResponse(body, status=200 if ok else 503)
