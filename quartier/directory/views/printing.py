"""The printable directory: choosing what to print, and the A4 PDF."""

from __future__ import annotations

from typing import Any

from django.db.models import Exists, OuterRef
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from quartier.core.gate import require
from quartier.core.models import Neighborhood
from quartier.core.pdf import pdf_response
from quartier.core.ratelimit import allow_anonymous
from quartier.directory.filters import PrintForm
from quartier.directory.models import (
    Service,
    ServiceAtLocation,
    ServiceStatus,
    Taxonomy,
    TaxonomyTerm,
)
from quartier.directory.opening import describe_schedule

# ---------------------------------------------------------------------------
# Printable directory

# More offerings than this make a PDF too long to print (and too slow to make);
# the form asks to choose a neighbourhood or a topic.
PRINT_LIMIT = 300


def print_selection(
    municipality: Any, neighborhood: Neighborhood | None, topic: TaxonomyTerm | None
) -> Any:
    """Listed offerings for a printed directory. With a neighbourhood: those serving
    it, those without neighbourhoods at a place in it, and those for the whole
    municipality (no neighbourhoods, no place in one)."""
    services = Service.objects.filter(municipality=municipality).listed()
    if neighborhood is not None:
        through = Service.neighborhoods.through.objects
        serves_any = Exists(through.filter(service_id=OuterRef("pk")))
        serves_it = Exists(
            through.filter(service_id=OuterRef("pk"), neighborhood=neighborhood)
        )
        located = ServiceAtLocation.objects.filter(
            service_id=OuterRef("pk"), location__archived_at__isnull=True
        )
        located_any = Exists(located.filter(location__neighborhood__isnull=False))
        located_in = Exists(located.filter(location__neighborhood=neighborhood))
        services = services.filter(
            serves_it | (~serves_any & located_in) | (~serves_any & ~located_any)
        )
    if topic is not None:
        services = services.filter(terms=topic)
    return services


def _print_groups(
    services: list[Service], topics: list[TaxonomyTerm]
) -> list[dict[str, Any]]:
    """Offerings grouped by topic (an offering with two topics is in both groups)."""
    groups = []
    for topic in topics:
        members = [s for s in services if topic in s.print_topics]
        if members:
            groups.append({"title": topic.name, "services": members})
    rest = [s for s in services if not s.print_topics]
    if rest:
        groups.append({"title": _("Further offerings"), "services": rest})
    return groups


def _prepare(service: Service) -> Service:
    """Attach what the print template shows, from prefetched rows."""
    terms = list(service.terms.all())
    service.print_topics = [t for t in terms if t.taxonomy == Taxonomy.TOPIC]  # type: ignore[attr-defined]
    service.print_groups = [t for t in terms if t.taxonomy == Taxonomy.TARGET_GROUP]  # type: ignore[attr-defined]
    service.print_schedules = [  # type: ignore[attr-defined]
        text for text in (describe_schedule(s) for s in service.schedules.all()) if text
    ]
    places = [sal.location for sal in service.service_at_locations.all()]
    service.print_places = [p for p in places if p.archived_at is None]  # type: ignore[attr-defined]
    service.print_barrier_free = service.barrier_free or any(  # type: ignore[attr-defined]
        p.barrier_free
        for p in service.print_places  # type: ignore[attr-defined]
    )
    service.print_contacts = list(service.contacts.all())  # type: ignore[attr-defined]
    service.print_languages = [str(lang) for lang in service.languages.all()]  # type: ignore[attr-defined]
    service.print_closed = service.status == ServiceStatus.TEMPORARILY_CLOSED  # type: ignore[attr-defined]
    return service


def _print_form_page(
    request: HttpRequest, form: PrintForm, *, notice: str = "", status: int = 200
) -> HttpResponse:
    return render(
        request,
        "directory/print_form.html",
        {"form": form, "notice": notice, "limit": PRINT_LIMIT},
        status=status,
    )


@require_GET
def print_form(request: HttpRequest) -> HttpResponse:
    """Choose what to print: a neighbourhood, a topic, or both (or neither)."""
    require(request, "directory.print_directory")
    return _print_form_page(request, PrintForm(municipality=request.municipality))


@require_GET
def print_pdf(request: HttpRequest) -> HttpResponse:
    """The printed directory (A4 PDF) for a neighbourhood and/or topic."""
    require(request, "directory.print_directory")
    municipality = request.municipality
    form = PrintForm(request.GET, municipality=municipality)
    if not form.is_valid():
        return _print_form_page(request, form)
    if not allow_anonymous(request, "directory-print", limit=30, period=3600):
        return _print_form_page(
            request,
            form,
            notice=_("Too many documents in a short time. Please try again later."),
            status=429,
        )
    neighborhood = form.cleaned_data.get("neighborhood")
    topic = form.cleaned_data.get("topic")
    selection = print_selection(municipality, neighborhood, topic)
    if selection.count() > PRINT_LIMIT:
        return _print_form_page(
            request,
            form,
            notice=_(
                "More than %(limit)s offerings match: please choose a neighbourhood "
                "or a topic."
            )
            % {"limit": PRINT_LIMIT},
        )
    services = [
        _prepare(s)
        for s in selection.select_related("provider").prefetch_related(
            "terms",
            "schedules",
            "contacts",
            "languages",
            "service_at_locations__location",
        )
    ]
    topics = (
        [topic]
        if topic
        else list(
            TaxonomyTerm.objects.filter(municipality=municipality)
            .topics()
            .order_by("position", "name")
        )
    )
    context = {
        "municipality": municipality,
        "neighborhood": neighborhood,
        "topic": topic,
        "groups": _print_groups(services, topics),
        "count": len(services),
        "today": timezone.localdate(),
        "site_url": request.build_absolute_uri(
            reverse("directory:list", kwargs={"municipality_slug": municipality.slug})
        ),
    }
    parts = ["wegweiser", municipality.slug]
    if neighborhood:
        parts.append(neighborhood.slug)
    if topic:
        parts.append(topic.code)
    return pdf_response(
        "directory/print_directory.html", context, "-".join(parts) + ".pdf", request
    )
