"""Overlaps and gaps: the matrix neighbourhood × topic, its heat map and CSV, and
recording a tie between two providers from the matrix."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from quartier.actors.models import Actor
from quartier.core.csvexport import csv_response
from quartier.core.gate import get_object_for, require
from quartier.core.models import Neighborhood
from quartier.directory import services
from quartier.directory.filters import MatrixFilterForm
from quartier.directory.matrix import Matrix, build_matrix
from quartier.directory.models import (
    Taxonomy,
    TaxonomyTerm,
)

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
        # Partners propose ties from the actors they act for (confirmed by the other).
        "own_actors": set(
            Actor.objects.of(request.municipality)
            .filter(members=request.user.pk or 0)
            .values_list("pk", flat=True)
        ),
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
    """Record a cooperation tie between two providers of one matrix cell
    (coordination), or propose it from the provider one acts for (partners)."""
    actors = Actor.objects.filter(archived_at__isnull=True)
    records = request.user.has_perm("actors.add_tie", request.municipality)
    if not records:
        require(request, "directory.view_matrix")
    one = get_object_for(request, actors, pk=first)
    other = get_object_for(request, actors, pk=second)
    if not records:
        if not request.user.has_perm("actors.propose_tie", one):
            # Proposed from the side one acts for.
            one, other = other, one
        require(request, "actors.propose_tie", one)
    note, query = _tie_note(request)
    try:
        tie = services.matrix_tie_record(
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
        if tie.is_proposed:
            messages.success(
                request,
                _("The tie was proposed. It counts once %s confirms it.") % other.name,
            )
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
