"""Views for overlaps and gaps (matrix, heat map, CSV, ties from the matrix), the
printable directory (PDF) and the "Ist das noch aktuell?" confirmation links."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from quartier.actors.models import Actor
from quartier.core.csvexport import csv_response
from quartier.core.gate import get_object_for, require
from quartier.core.models import Neighborhood
from quartier.core.pdf import pdf_response
from quartier.core.ratelimit import allow_anonymous
from quartier.directory import rules_extra  # noqa: F401 - registers the permissions
from quartier.directory import services_extra as services
from quartier.directory.confirm import CONFIRM_MAX_AGE, LinkState, check_token
from quartier.directory.forms_extra import MatrixFilterForm, PrintForm
from quartier.directory.matrix import Matrix, build_matrix
from quartier.directory.models import (
    Service,
    ServiceAtLocation,
    ServiceStatus,
    Taxonomy,
    TaxonomyTerm,
)
from quartier.directory.opening import describe_schedule

# ---------------------------------------------------------------------------
# Overlap matrix


@dataclass
class HeatCell:
    x: int
    y: int
    count: int
    shade: int
    opportunity: bool
    title: str


# Heat map geometry (SVG user units); topics are rows, neighbourhoods columns, so
# the picture stays narrow on a phone.
LABEL_WIDTH = 170
CELL_WIDTH = 84
CELL_HEIGHT = 30
HEADER_HEIGHT = 40


def _heatmap(matrix: Matrix) -> dict[str, Any]:
    columns = [
        {"x": LABEL_WIDTH + i * CELL_WIDTH + CELL_WIDTH // 2, "label": row.short_label}
        for i, row in enumerate(matrix.rows)
    ]
    rows = []
    cells = []
    for j, topic in enumerate(matrix.topics):
        y = HEADER_HEIGHT + j * CELL_HEIGHT
        rows.append({"y": y + CELL_HEIGHT // 2 + 5, "label": topic.name})
        for i, row in enumerate(matrix.rows):
            cell = row.cells[j]
            cells.append(
                HeatCell(
                    x=LABEL_WIDTH + i * CELL_WIDTH,
                    y=y,
                    count=cell.count,
                    shade=cell.shade,
                    opportunity=cell.is_opportunity,
                    title=f"{row.label} · {topic.name}: {cell.count}",
                )
            )
    return {
        "width": LABEL_WIDTH + CELL_WIDTH * max(1, len(matrix.rows)),
        "height": HEADER_HEIGHT + CELL_HEIGHT * max(1, len(matrix.topics)),
        "columns": columns,
        "rows": rows,
        "cells": cells,
        "cell_width": CELL_WIDTH - 4,
        "cell_height": CELL_HEIGHT - 4,
        "text_dx": CELL_WIDTH // 2 - 2,
        "text_dy": CELL_HEIGHT // 2 + 3,
    }


def _matrix_for(request: HttpRequest) -> tuple[MatrixFilterForm, Matrix]:
    municipality = request.municipality
    form = MatrixFilterForm(request.GET or None, municipality=municipality)
    target_group = form.cleaned_data.get("target_group") if form.is_valid() else None
    return form, build_matrix(municipality, target_group=target_group)


@require_GET
def matrix(request: HttpRequest) -> HttpResponse:
    """Where offerings overlap (Vernetzungschance) and where they are missing."""
    require(request, "directory.view_matrix")
    form, result = _matrix_for(request)
    context = {
        "form": form,
        "matrix": result,
        "heatmap": _heatmap(result),
        "can_tie": request.user.has_perm("actors.add_tie", request.municipality),
        "query": urlencode({"target_group": result.target_group.code})
        if result.target_group
        else "",
    }
    return render(request, "directory/matrix.html", context)


MATRIX_CSV_COLUMNS = [
    "neighborhood",
    "topic",
    "target_group",
    "offerings",
    "providers",
    "opportunity",
    "gap",
    "provider_names",
    "offering_names",
]


@require_GET
def matrix_csv(request: HttpRequest) -> HttpResponse:
    """The matrix as CSV: one line per neighbourhood and topic. UTF-8 with a byte
    order mark and `;`, as Excel expects in a German locale; stable column keys."""
    require(request, "directory.view_matrix")
    _form, result = _matrix_for(request)
    group = result.target_group.name if result.target_group else ""
    lines = (
        [
            row.label,
            cell.topic.name,
            group,
            cell.count,
            len(cell.providers),
            _("yes") if cell.is_opportunity else _("no"),
            _("yes") if cell.is_gap else _("no"),
            ", ".join(p.name for p in cell.providers),
            ", ".join(o.name for o in cell.offerings),
        ]
        for row in result.rows
        for cell in row.cells
    )
    filename = f"angebotsmatrix-{request.municipality.slug}.csv"
    return csv_response(filename, MATRIX_CSV_COLUMNS, lines)


def _tie_note(request: HttpRequest) -> tuple[str, str]:
    """The note for a tie from the matrix, and the matrix query to go back to."""
    municipality = request.municipality
    hood = (
        Neighborhood.objects.filter(
            municipality=municipality, slug=request.POST.get("neighborhood", "")
        ).first()
        if request.POST.get("neighborhood")
        else None
    )
    terms = {
        term.taxonomy: term
        for term in TaxonomyTerm.objects.filter(
            Q(taxonomy=Taxonomy.TOPIC, code=request.POST.get("topic", ""))
            | Q(
                taxonomy=Taxonomy.TARGET_GROUP,
                code=request.POST.get("target_group", ""),
            ),
            municipality=municipality,
        )
    }
    topic = terms.get(Taxonomy.TOPIC)
    group = terms.get(Taxonomy.TARGET_GROUP)
    where = hood.name if hood else _("the whole municipality")
    note = _("Networking opportunity from the overlap matrix")
    if topic:
        note += ": " + _("both offer “%(topic)s” in %(where)s") % {
            "topic": topic.name,
            "where": where,
        }
        if group:
            note += " " + _("(target group: %(group)s)") % {"group": group.name}
    note += "."
    query = urlencode({"target_group": group.code}) if group else ""
    return note, query


@require_POST
def matrix_tie(request: HttpRequest, first: int, second: int) -> HttpResponse:
    """Record a cooperation tie between two providers of one matrix cell."""
    require(request, "actors.add_tie")
    actors = Actor.objects.filter(archived_at__isnull=True)
    one = get_object_for(request, actors, pk=first)
    other = get_object_for(request, actors, pk=second)
    note, query = _tie_note(request)
    try:
        services.matrix_tie_record(
            by=request.user,
            municipality=request.municipality,
            first=one,
            second=other,
            note=note,
        )
    except services.TieExists as exc:
        messages.info(request, " ".join(exc.messages))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("The tie between %(first)s and %(second)s has been recorded.")
            % {"first": one.name, "second": other.name},
        )
    url = reverse(
        "directory:matrix", kwargs={"municipality_slug": request.municipality.slug}
    )
    return redirect(f"{url}{'?' + query if query else ''}#opportunities")


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


# ---------------------------------------------------------------------------
# "Ist das noch aktuell?"

LINK_STATUS = {
    LinkState.VALID: 200,
    LinkState.USED: 200,
    LinkState.EXPIRED: 410,
    LinkState.INVALID: 400,
}


@require_http_methods(["GET", "POST"])
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    """A confirmation link: GET shows the offering and a button (a GET never
    changes anything: mail scanners open links); POST confirms."""
    municipality = request.municipality
    if request.method == "POST":
        try:
            service = services.service_confirm_by_token(
                municipality=municipality, token=token
            )
        except ValidationError as exc:
            state = {
                "expired": LinkState.EXPIRED,
                "used": LinkState.USED,
            }.get(str(exc.code), LinkState.INVALID)
            check = check_token(municipality, token)
            context = {
                "state": state,
                "service": check.service,
                "valid_days": CONFIRM_MAX_AGE.days,
            }
            return render(
                request, "directory/confirm.html", context, status=LINK_STATUS[state]
            )
        return render(request, "directory/confirm_done.html", {"service": service})
    check = check_token(municipality, token)
    context = {
        "state": check.state,
        "service": check.service,
        "valid_days": CONFIRM_MAX_AGE.days,
    }
    return render(
        request, "directory/confirm.html", context, status=LINK_STATUS[check.state]
    )
