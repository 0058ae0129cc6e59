"""Generating a report: every chosen section is built (core/report_sections.py)
and the content saved with the report, with the time the data stood at.

Small reports are generated in the request; a report whose size estimate (rows
the sections read) passes settings.REPORTS_BACKGROUND_ROWS runs as a background
task (tasks.py) with a progress page. Every generation ends, done or failed with
a reason, as the HSDS import does.
"""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone, translation
from django.utils.translation import gettext as _t

from quartier.core import report_sections
from quartier.reports import sachbericht
from quartier.reports.models import Audience, Report, ReportKind, ReportStatus

logger = logging.getLogger(__name__)


def reader_of(report: Report) -> Any:
    """Whose eyes the sections read with: a public report shows only what anybody
    sees; a report to the council or a funder what its maker sees."""
    if report.audience == Audience.PUBLIC or report.created_by is None:
        return AnonymousUser()
    return report.created_by


def estimate_rows(
    municipality: Any,
    start: Any,
    end: Any,
    keys: list[str],
    stop_above: int | None = None,
) -> int:
    """About how many rows building these sections reads; once the total passes
    `stop_above` the other sections are not counted (each is a COUNT)."""
    total = 0
    for key in keys:
        section = report_sections.get(key)
        if section is not None and section.estimate is not None:
            total += section.estimate(municipality, start, end)
            if stop_above is not None and total > stop_above:
                break
    return total


def background_rows() -> int:
    return int(getattr(settings, "REPORTS_BACKGROUND_ROWS", 20_000))


def too_large_for_a_request(rows: int) -> bool:
    """Above REPORTS_BACKGROUND_ROWS a report is built by the background task: when
    saved, and also when only previewed (the builder then saves a version)."""
    return rows > background_rows()


def estimate(report: Report) -> int:
    """About how many rows generating the report reads."""
    if report.kind == ReportKind.SACHBERICHT:
        return 0
    return estimate_rows(
        report.municipality, report.period_start, report.period_end, report.section_keys
    )


def in_background(report: Report) -> bool:
    return too_large_for_a_request(estimate(report))


def run(report: Report) -> Report:
    """Generate the report's content; it always ends done or failed."""
    try:
        return _run(report)
    except Exception:
        logger.exception("Report %s stopped", report.pk)
        report.status = ReportStatus.FAILED
        report.error = _t(
            "The report could not be generated because of an unexpected error. "
            "Please try again."
        )
        report.finished_at = timezone.now()
        report.save(update_fields=["status", "error", "finished_at"])
        return report
    finally:
        Report.objects.filter(
            pk=report.pk, status__in=(ReportStatus.PENDING, ReportStatus.RUNNING)
        ).update(status=ReportStatus.FAILED, finished_at=timezone.now())


def _run(report: Report) -> Report:
    started = timezone.now()
    report.status = ReportStatus.RUNNING
    report.save(update_fields=["status"])
    with translation.override(settings.LANGUAGE_CODE):
        if report.kind == ReportKind.SACHBERICHT:
            content = sachbericht.build(
                application=report.application, fund=report.fund
            )
        else:
            content = _sections(report)
    report.content = content
    report.data_as_of = started
    report.status = ReportStatus.DONE
    report.progress = report.total
    report.finished_at = timezone.now()
    report.save(
        update_fields=[
            "content",
            "data_as_of",
            "status",
            "progress",
            "finished_at",
        ]
    )
    return report


def preview(
    *,
    municipality: Any,
    user: Any,
    audience: str,
    start: Any,
    end: Any,
    neighbourhoods: list[Any],
    keys: list[str],
) -> list[dict[str, Any]]:
    """The builder's preview: the sections as they would be saved, not saved."""
    reader = AnonymousUser() if audience == Audience.PUBLIC else user
    content = []
    with translation.override(settings.LANGUAGE_CODE):
        for section in report_sections.sections():
            if section.key in keys:
                built = section.build(municipality, start, end, neighbourhoods, reader)
                if not built.empty:
                    content.append(built.as_dict())
    return content


def _sections(report: Report) -> list[dict[str, Any]]:
    hoods = list(report.neighborhoods.all())
    user = reader_of(report)
    chosen = [s for s in report_sections.sections() if s.key in report.section_keys]
    Report.objects.filter(pk=report.pk).update(total=len(chosen), progress=0)
    report.total = len(chosen)
    content = []
    for done, section in enumerate(chosen, start=1):
        built = section.build(
            report.municipality, report.period_start, report.period_end, hoods, user
        )
        if not built.empty:
            content.append(built.as_dict())
        Report.objects.filter(pk=report.pk).update(progress=done)
    return content
