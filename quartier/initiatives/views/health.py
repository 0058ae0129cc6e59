"""The health-in-all-policies check of an initiative, and the matrix of all
initiatives × the five Dahlgren–Whitehead layers for the coordination."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q, TextField
from django.db.models.functions import Cast
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from quartier.core.charts import bar_chart
from quartier.core.csvexport import csv_response
from quartier.core.forms import add_service_errors
from quartier.core.gate import require
from quartier.initiatives import services
from quartier.initiatives.forms import HealthCheckForm
from quartier.initiatives.models import HealthCheck, Initiative, Layer, Phase
from quartier.initiatives.views.common import load
from quartier.initiatives.views.manage import _form_page


def health_check_edit(request: HttpRequest, pk: int) -> HttpResponse:
    initiative = load(request, pk, "initiatives.change_healthcheck")
    check = HealthCheck.objects.filter(initiative=initiative).first()
    initial = (
        {name: getattr(check, name) for name in services.HEALTH_CHECK_FIELDS}
        if check
        else None
    )
    form = HealthCheckForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.health_check_save(
                by=request.user, initiative=initiative, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The check was saved."))
            return redirect(f"{initiative.get_absolute_url()}#health-check")
    return _form_page(
        request,
        form,
        title=_("Health in all policies: short check"),
        initiative=initiative,
        intro=_(
            "Which determinants of health does the initiative touch, who benefits, "
            "who might be left out? A few honest lines are enough."
        ),
    )


@dataclass(frozen=True)
class MatrixEntry:
    pk: int
    title: str
    phase: str

    def get_phase_display(self) -> str:
        return str(Phase(self.phase).label)


MATRIX_PAGE_SIZE = 100


def _matrix(municipality: Any) -> tuple[list[Any], list[dict[str, Any]]]:
    """One row per initiative with the layers its check names: two narrow queries
    (the matrix of a big town has thousands of rows)."""
    layers = list(Layer)
    checks = dict(
        HealthCheck.objects.filter(initiative__municipality=municipality).values_list(
            "initiative_id", "layers"
        )
    )
    rows = []
    for pk, title, phase in (
        Initiative.objects.of(municipality)
        .order_by("title", "pk")
        .values_list("pk", "title", "phase")
    ):
        touched = set(checks.get(pk) or ())
        rows.append(
            {
                "initiative": MatrixEntry(pk, title, phase),
                "checked": pk in checks,
                "cells": [layer.value in touched for layer in layers],
            }
        )
    return layers, rows


def _layer_counts(municipality: Any, layers: list[Any]) -> tuple[int, list[int]]:
    """How many initiatives are checked, and how many checks name each layer:
    counted by the database in one query (reading every check into Python was
    most of the page's time in a big town).

    A check's layers are a sorted list of the digits 1–5 (health_check_save
    accepts nothing else), so a layer is named when its digit is in the list's
    text: a plain text match, on SQLite and PostgreSQL alike, ten times cheaper
    than unpacking each list with json_each."""
    counts = (
        HealthCheck.objects.filter(municipality=municipality)
        .annotate(layers_text=Cast("layers", TextField()))
        .aggregate(
            checked=Count("pk"),
            **{
                f"layer_{layer.value}": Count(
                    "pk", filter=Q(layers_text__contains=str(layer.value))
                )
                for layer in layers
            },
        )
    )
    return counts["checked"], [counts[f"layer_{layer.value}"] for layer in layers]


@require_GET
def matrix(request: HttpRequest) -> HttpResponse:
    municipality = request.municipality  # type: ignore[attr-defined]
    require(request, "initiatives.view_matrix")
    layers = list(Layer)
    checked, counts = _layer_counts(municipality, layers)
    # Rows only for the page shown (a big town has thousands of initiatives, and
    # building a row for each of them was most of the page's time).
    listed = (
        Initiative.objects.of(municipality)
        .order_by("title", "pk")
        .values_list("pk", "title", "phase")
    )
    # Thousands of cells: built here once instead of by the template per cell.
    touched = format_html(
        '<td class="kern-table__cell"><span aria-hidden="true">●</span>'
        '<span class="kern-sr-only">{}</span></td>',
        _("touched"),
    )
    untouched = format_html(
        '<td class="kern-table__cell"><span aria-hidden="true">–</span>'
        '<span class="kern-sr-only">{}</span></td>',
        _("not touched"),
    )
    base = reverse("initiatives:list", kwargs={"municipality_slug": municipality.slug})
    not_checked = format_html(" ({})", _("not checked"))
    # The chart counts every initiative; the table shows one page of them (a big
    # town has thousands; all of them are in the CSV).
    page = Paginator(listed, MATRIX_PAGE_SIZE).get_page(request.GET.get("page"))
    shown = list(page.object_list)
    # The checks of the page's rows only.
    checks = dict(
        HealthCheck.objects.filter(
            municipality=municipality, initiative_id__in=[pk for pk, *_ in shown]
        ).values_list("initiative_id", "layers")
    )
    rows = []
    for pk, title, phase in shown:
        touched_layers = checks.get(pk)
        row = {
            "initiative": MatrixEntry(pk, title, phase),
            "checked": pk in checks,
            "cells": [layer.value in (touched_layers or ()) for layer in layers],
        }
        rows.append(row)
        initiative = row["initiative"]
        row["html"] = format_html(
            '<tr class="kern-table__row"><th scope="row" class="kern-table__cell">'
            '<a class="kern-link" href="{}{}/">{}</a>{}</th>{}</tr>',
            base,
            initiative.pk,
            initiative.title,
            "" if row["checked"] else not_checked,
            mark_safe(  # noqa: S308 - built from escaped parts above
                "".join(touched if cell else untouched for cell in row["cells"])
            ),
        )
    chart = bar_chart(
        _("Initiatives per determinant of health"),
        [
            (str(layer.label), count)
            for layer, count in zip(layers, counts, strict=True)
        ],
        headers=(_("Layer"), _("Initiatives")),
    )
    context = {
        "layers": layers,
        "rows": rows,
        "page": page,
        "chart": chart,
        "unchecked": page.paginator.count - checked,
    }
    return render(request, "initiatives/matrix.html", context)


@require_GET
def matrix_csv(request: HttpRequest) -> HttpResponse:
    municipality = request.municipality  # type: ignore[attr-defined]
    require(request, "initiatives.view_matrix")
    layers, rows = _matrix(municipality)
    header = [
        _("Initiative"),
        _("Phase"),
        _("checked"),
        *[str(layer.label) for layer in layers],
    ]
    body = [
        [
            row["initiative"].title,
            row["initiative"].get_phase_display(),
            _("yes") if row["checked"] else _("no"),
            *["x" if cell else "" for cell in row["cells"]],
        ]
        for row in rows
    ]
    return csv_response("vorhaben-gesundheitsdeterminanten.csv", header, body)
