"""API endpoints of reports (mounted at /api/v1/ by quartier.api).

Reads only, and only what the public page shows: the reports a municipality has
published, each with its saved content as of generation (never recomputed) and the
addresses of its page and PDF. Reports to the council or a funder are not served.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from ninja import Field, Router, Schema
from ninja.pagination import paginate

from quartier.core.api import Pages
from quartier.core.api_auth import municipality_for, read_auth
from quartier.core.gate import get_object_for, require
from quartier.core.maillinks import absolute_url
from quartier.reports.models import Report

router = Router(tags=["Berichte"])


def _public(report: Report, name: str) -> str:
    return absolute_url(
        reverse(
            f"reports:{name}",
            kwargs={"municipality_slug": report.municipality.slug, "pk": report.pk},
        )
    )


class ReportOut(Schema):
    id: int
    title: str
    period_start: datetime.date
    period_end: datetime.date
    version: int
    data_as_of: datetime.datetime | None = Field(
        None, description="Stand der Daten, aus denen der Bericht erstellt wurde"
    )
    published_at: datetime.datetime
    url: str = Field(description="die öffentliche Seite des Berichts")
    pdf: str = Field(description="der Bericht als barrierefreies PDF")

    @staticmethod
    def resolve_url(obj: Report) -> str:
        return _public(obj, "public_detail")

    @staticmethod
    def resolve_pdf(obj: Report) -> str:
        return _public(obj, "public_pdf")


class ReportDetailOut(ReportOut):
    sections: list[dict[str, Any]] = Field(
        description="die Abschnitte wie veröffentlicht: Überschrift, Textblöcke, "
        "Kennzahlen, Tabellen, Diagrammdaten und Quellen"
    )

    @staticmethod
    def resolve_sections(obj: Report) -> list[dict[str, Any]]:
        return list(obj.content)


def _published() -> QuerySet[Report]:
    return Report.objects.published().select_related("municipality")


@router.get(
    "/municipalities/{slug}/reports",
    response=list[ReportOut],
    auth=read_auth,
    summary="Veröffentlichte Berichte einer Kommune",
)
@paginate(Pages)
def report_list(request: HttpRequest, slug: str) -> QuerySet[Report]:
    """Die Berichte, die die Kommune für die Öffentlichkeit veröffentlicht hat,
    neueste zuerst (ohne Inhalt; den liefert der einzelne Bericht)."""
    municipality = municipality_for(request, slug)
    require(request, "core.view_municipality")
    return (
        _published()
        .filter(municipality=municipality)
        .defer("content")
        .order_by("-published_at", "-pk")
    )


@router.get(
    "/municipalities/{slug}/reports/{report_id}",
    response={200: ReportDetailOut, 404: dict},
    auth=read_auth,
    summary="Ein veröffentlichter Bericht mit seinem Inhalt",
)
def report_detail(request: HttpRequest, slug: str, report_id: int) -> Report:
    municipality_for(request, slug)
    return get_object_for(request, _published(), pk=report_id)
