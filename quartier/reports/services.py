"""Writes of the reports app: make a report (or a Sachbericht), generate it again
as a new version, edit its free texts, publish it. Each checks the permission and
is written to the audit log (docs/reports.md)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from quartier.core import report_sections
from quartier.core.services import ensure_allowed, record_action
from quartier.reports import generation, sachbericht
from quartier.reports.models import Audience, Report, ReportKind
from quartier.reports.tasks import generate_report

# Longest free text a coordinator may write into one part of a report.
MAX_TEXT = 20_000


@transaction.atomic
def report_create(
    *,
    by: Any,
    municipality: Any,
    title: str,
    audience: str,
    period_start: datetime.date,
    period_end: datetime.date,
    neighborhoods: Iterable[Any] = (),
    section_keys: Iterable[str] = (),
) -> Report:
    """Save a new report with its parameters; `report_start` generates it."""
    ensure_allowed(by, "reports.add_report", municipality)
    keys = [key for key in section_keys if report_sections.get(key) is not None]
    if not keys:
        raise ValidationError(_("Choose at least one section."))
    if period_end < period_start:
        raise ValidationError(_("The period ends before it begins."))
    hoods = list(neighborhoods)
    if any(h.municipality_id != municipality.pk for h in hoods):
        raise PermissionDenied
    report = Report.objects.create(
        municipality=municipality,
        title=title.strip(),
        audience=audience,
        period_start=period_start,
        period_end=period_end,
        section_keys=keys,
        created_by=by,
        texts={"intro": ""},
    )
    report.neighborhoods.set(
        hoods, through_defaults={"municipality_id": municipality.pk}
    )
    record_action(by, municipality, "reports.add_report", report)
    return report


@transaction.atomic
def sachbericht_create(
    *,
    by: Any,
    municipality: Any,
    title: str,
    application: Any = None,
    fund: Any = None,
) -> Report:
    """A funder's Sachbericht for one funded project or one fund, its free texts
    prefilled from the application and its proof of use."""
    from quartier.funds.models import COMMITTING

    ensure_allowed(by, "reports.add_report", municipality)
    if (application is None) == (fund is None):
        raise ValidationError(_("Choose a funded project or a fund."))
    if application is not None:
        ensure_allowed(by, "funds.view_application", application)
        if application.status not in COMMITTING:
            raise ValidationError(_("This project has not been funded."))
        fund_of = application.call.fund
        start = application.starts_on or (
            timezone.localdate(application.decided_at)
            if application.decided_at
            else None
        )
        end = application.ends_on or timezone.localdate()
    else:
        ensure_allowed(by, "funds.view_fund", fund)
        fund_of = fund
        start, end = datetime.date(fund.year, 1, 1), datetime.date(fund.year, 12, 31)
    if fund_of.municipality_id != municipality.pk:
        raise PermissionDenied
    start = start or end
    report = Report.objects.create(
        municipality=municipality,
        kind=ReportKind.SACHBERICHT,
        title=title.strip(),
        audience=Audience.FUNDER,
        period_start=min(start, end),
        period_end=max(start, end),
        application=application,
        fund=fund,
        section_keys=[key for key, _label in sachbericht.PARTS],
        texts=sachbericht.prefill(application=application, fund=fund),
        created_by=by,
    )
    record_action(by, municipality, "reports.add_report", report)
    return report


def report_start(report: Report) -> bool:
    """Generate now, or queue the generation when the report is large. Called
    after the report is saved (outside the transaction, so a worker sees it).
    True when it runs in the background."""
    if generation.in_background(report):
        generate_report.enqueue(report_id=report.pk)
        report.refresh_from_db()
        return True
    generation.run(report)
    return False


@transaction.atomic
def report_regenerate(*, by: Any, report: Report) -> Report:
    """A new version with the same parameters and texts, on today's data."""
    ensure_allowed(by, "reports.add_report", report.municipality)
    ensure_allowed(by, "reports.view_report", report)
    latest = (
        Report.objects.of(report.municipality)
        .filter(title=report.title, kind=report.kind)
        .order_by("-version")
        .values_list("version", flat=True)
        .first()
        or report.version
    )
    new = Report.objects.create(
        municipality=report.municipality,
        kind=report.kind,
        title=report.title,
        audience=report.audience,
        period_start=report.period_start,
        period_end=report.period_end,
        section_keys=report.section_keys,
        application=report.application,
        fund=report.fund,
        texts=dict(report.texts),
        version=latest + 1,
        previous=report,
        created_by=by,
    )
    new.neighborhoods.set(
        report.neighborhoods.all(),
        through_defaults={"municipality_id": new.municipality_id},
    )
    record_action(by, report.municipality, "reports.add_report", new)
    return new


@transaction.atomic
def report_texts_update(*, by: Any, report: Report, texts: dict[str, str]) -> Report:
    """The coordinator's own words in the report (an introduction, a comment per
    section, the Sachbericht's answers); published reports no longer change."""
    report = Report.objects.select_for_update().get(pk=report.pk)
    ensure_allowed(by, "reports.change_report", report)
    allowed = {"intro", *(part["key"] for part in report.content)}
    cleaned = {}
    for key, text in texts.items():
        if key not in allowed:
            continue
        text = (text or "").strip()
        if len(text) > MAX_TEXT:
            raise ValidationError(
                _("A text may be at most %(count)s characters long.")
                % {"count": MAX_TEXT}
            )
        cleaned[key] = text
    report.texts = {**report.texts, **cleaned}
    report.save(update_fields=["texts"])
    record_action(by, report.municipality, "reports.change_report", report)
    return report


@transaction.atomic
def report_publish(*, by: Any, report: Report) -> Report:
    """Show a finished report for the public on the municipality's page, as it
    was generated (the saved content, never recomputed)."""
    report = Report.objects.select_for_update().get(pk=report.pk)
    ensure_allowed(by, "reports.publish_report", report)
    report.published_at = timezone.now()
    report.published_by = by
    report.save(update_fields=["published_at", "published_by"])
    record_action(by, report.municipality, "reports.publish_report", report)
    return report


@transaction.atomic
def report_unpublish(*, by: Any, report: Report) -> Report:
    report = Report.objects.select_for_update().get(pk=report.pk)
    ensure_allowed(by, "reports.unpublish_report", report)
    report.published_at = None
    report.published_by = None
    report.save(update_fields=["published_at", "published_by"])
    record_action(by, report.municipality, "reports.unpublish_report", report)
    return report
