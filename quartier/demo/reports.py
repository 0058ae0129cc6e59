"""Seeds saved reports from `data/reports.yaml` (the reports app): a report to the
council for this year, a published annual report for the public and a funder's
Sachbericht for one funded project. Generated once through the app's services;
a report already there keeps its saved content (it is a snapshot), so seeding
again changes nothing."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from quartier.demo import records
from quartier.funds.models import Application
from quartier.reports import generation, services
from quartier.reports.models import Report, ReportKind

SLUG = "musterstadt"


def day(spec: str) -> datetime.date:
    """A period bound of the data file (see its head)."""
    today = timezone.localdate()
    if spec == "today":
        return today
    if spec == "year-start":
        return datetime.date(today.year, 1, 1)
    if spec == "last-year-start":
        return datetime.date(today.year - 1, 1, 1)
    return records.day(spec)


def title(spec: str) -> str:
    year = timezone.localdate().year
    return spec.format(year=year, last_year=year - 1)


def _existing(municipality: Any, name: str, kind: str) -> Report | None:
    return (
        Report.objects.of(municipality).filter(title=name, kind=kind, version=1).first()
    )


def load(summary: records.Summary) -> None:
    data = records.read("reports")
    municipality = records.get_municipality(SLUG)
    coordinator = records.get_user(data["made_by"])
    for spec in data["reports"]:
        name = title(spec["title"])
        if _existing(municipality, name, ReportKind.REPORT) is not None:
            summary.add("report", "unchanged")
            continue
        report = services.report_create(
            by=coordinator,
            municipality=municipality,
            title=name,
            audience=spec["audience"],
            period_start=day(spec["from"]),
            period_end=day(spec["until"]),
            section_keys=spec["sections"],
        )
        report.texts = {"intro": spec.get("intro", "").strip()}
        report.save(update_fields=["texts"])
        generation.run(report)
        if spec.get("publish"):
            services.report_publish(by=coordinator, report=report)
        summary.add("report", "created")
    for spec in data["sachberichte"]:
        name = title(spec["title"])
        if _existing(municipality, name, ReportKind.SACHBERICHT) is not None:
            summary.add("report", "unchanged")
            continue
        project = Application.objects.of(municipality).get(title=spec["project"])
        report = services.sachbericht_create(
            by=coordinator, municipality=municipality, title=name, application=project
        )
        if spec.get("changed"):
            report.texts = {**report.texts, "changed": spec["changed"].strip()}
            report.save(update_fields=["texts"])
        generation.run(report)
        summary.add("report", "created")
