"""The health-in-all-policies check of an initiative, and the matrix of all
initiatives × the five Dahlgren–Whitehead layers for the coordination."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from quartier.core.charts import bar_chart
from quartier.core.csvexport import csv_response
from quartier.core.forms import add_service_errors
from quartier.core.gate import require
from quartier.initiatives import services
from quartier.initiatives.forms import HealthCheckForm
from quartier.initiatives.models import HealthCheck, Initiative, Layer
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


def _matrix(municipality: Any) -> tuple[list[Any], list[dict[str, Any]]]:
    layers = list(Layer)
    initiatives = (
        Initiative.objects.of(municipality)
        .select_related("health_check", "municipality")
        .order_by("title", "pk")
    )
    rows = []
    for initiative in initiatives:
        check = (
            getattr(initiative, "health_check", None) if _checked(initiative) else None
        )
        touched = set(check.layers) if check else set()
        rows.append(
            {
                "initiative": initiative,
                "checked": check is not None,
                "cells": [layer.value in touched for layer in layers],
            }
        )
    return layers, rows


def _checked(initiative: Initiative) -> bool:
    try:
        return initiative.health_check is not None
    except HealthCheck.DoesNotExist:
        return False


@require_GET
def matrix(request: HttpRequest) -> HttpResponse:
    municipality = request.municipality  # type: ignore[attr-defined]
    require(request, "initiatives.view_matrix")
    layers, rows = _matrix(municipality)
    counts = [sum(1 for row in rows if row["cells"][i]) for i in range(len(layers))]
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
        "chart": chart,
        "unchecked": sum(1 for row in rows if not row["checked"]),
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
