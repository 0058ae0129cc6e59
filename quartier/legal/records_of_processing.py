"""Records of processing activities (Art. 30 DSGVO) for the municipality's data
protection officer: a page for its admins, with CSV and tagged-PDF downloads.

Everything comes from the registry (core/processing.py): the activities whose module
holds data in the municipality, with purposes, categories, recipients and the
retention periods that apply now. The controller and the data protection officer are
read from the municipality's privacy notice (its sections "Verantwortliche Stelle"
and "Datenschutzbeauftragte:r"); while they still hold the template's „[…]“ fields,
the records say that they must be completed. Every download is written to the audit
log. docs/privacy.md, "Records of processing".
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from quartier.core.csvexport import csv_response
from quartier.core.gate import require
from quartier.core.models import Municipality
from quartier.core.pdf import pdf_response
from quartier.core.processing import Activity, Period, all_activities, periods
from quartier.core.services import record_action
from quartier.legal import services
from quartier.legal.defaults import template_body

PERM = "core.view_processing_records"

# Technical and organisational measures (Art. 32 DSGVO) the platform takes itself;
# each is a section of docs/security.md, where its tests are named.
MEASURES = (
    gettext_lazy(
        "Access control: one permission gate for every page, roles per "
        "municipality, tested for every address and role"
    ),
    gettext_lazy("Separation of municipalities: every query scoped by municipality"),
    gettext_lazy(
        "Encryption in transit (HTTPS, HSTS); passwords stored only as hashes; "
        "two-factor sign-in for staff"
    ),
    gettext_lazy("Audit log of administrative actions and refused access"),
    gettext_lazy(
        "Data minimisation: rate limits without stored addresses, photos without "
        "location data, consents never pre-ticked"
    ),
    gettext_lazy("Retention periods applied daily (deletion or anonymisation)"),
    gettext_lazy("Sanitised rich text and a strict content security policy"),
)

MISSING = gettext_lazy("[to be completed in the privacy notice]")


def _section_text(body: str, heading: str) -> str:
    """The plain text of the paragraph after `<h2>heading</h2>` in the notice."""
    match = re.search(
        rf"<h2[^>]*>\s*{re.escape(heading)}[^<]*</h2>\s*<p[^>]*>(.*?)</p>",
        body,
        re.DOTALL | re.IGNORECASE,
    )
    if not match:
        return ""
    text = html.unescape(re.sub(r"<[^>]+>", " ", match.group(1)))
    return " ".join(text.split())


@dataclass(frozen=True)
class Party:
    text: str
    complete: bool


def _party(body: str, heading: str) -> Party:
    text = _section_text(body, heading)
    if not text or "[" in text:
        return Party(text or str(MISSING), False)
    return Party(text, True)


@dataclass(frozen=True)
class Records:
    municipality: Municipality
    controller: Party
    officer: Party
    activities: list[tuple[Activity, str]]  # with its retention in words
    not_in_use: list[Activity]
    measures: tuple[Any, ...]
    made_at: Any


def records_for(municipality: Municipality) -> Records:
    page = services.page_for(municipality, "privacy")
    body = page.body if page else template_body("privacy")
    used, unused = [], []
    for activity in all_activities():
        if activity.in_use(municipality):
            found = periods(activity, municipality)
            used.append((activity, _retention_text(activity, found)))
        else:
            unused.append(activity)
    return Records(
        municipality=municipality,
        controller=_party(body, "Verantwortliche Stelle"),
        officer=_party(body, "Datenschutzbeauftragte"),
        activities=used,
        not_in_use=unused,
        measures=MEASURES,
        made_at=timezone.localtime(),
    )


def _retention_text(activity: Activity, found: list[Period]) -> str:
    parts = [
        _("%(label)s: %(days)s days") % {"label": p.label, "days": p.days}
        for p in found
    ]
    if activity.retention_note:
        parts.append(str(activity.retention_note))
    return " ".join(f"{part.rstrip('.')}." for part in parts)


def records(request: HttpRequest) -> HttpResponse:
    require(request, PERM)
    return render(
        request,
        "legal/records_of_processing.html",
        {"records": records_for(request.municipality)},  # type: ignore[attr-defined]
    )


def records_csv(request: HttpRequest) -> HttpResponse:
    require(request, PERM)
    municipality = request.municipality  # type: ignore[attr-defined]
    found = records_for(municipality)
    record_action(request.user, municipality, "core.export_processing_records", "CSV")
    header = [
        _("Activity"),
        _("Module"),
        _("Controller"),
        _("Data protection officer"),
        _("Purpose"),
        _("Legal basis"),
        _("Data subjects"),
        _("Personal data"),
        _("Recipients"),
        _("Public"),
        _("Retention"),
        _("Technical and organisational measures"),
    ]
    measures = "; ".join(str(m) for m in found.measures)
    rows = [
        [
            activity.name,
            activity.module,
            found.controller.text,
            found.officer.text,
            activity.purpose,
            activity.legal_basis,
            "; ".join(str(s) for s in activity.subjects),
            "; ".join(str(d) for d in activity.data),
            "; ".join(str(r) for r in activity.recipients),
            activity.public or _("Nothing of it is public."),
            retention,
            measures,
        ]
        for activity, retention in found.activities
    ]
    filename = f"verarbeitungsverzeichnis-{municipality.slug}.csv"
    return csv_response(filename, header, rows)


def records_pdf(request: HttpRequest) -> HttpResponse:
    require(request, PERM)
    municipality = request.municipality  # type: ignore[attr-defined]
    record_action(request.user, municipality, "core.export_processing_records", "PDF")
    return pdf_response(
        "legal/records_of_processing_pdf.html",
        {"records": records_for(municipality)},
        f"verarbeitungsverzeichnis-{municipality.slug}.pdf",
        request,
        inline=False,
    )
