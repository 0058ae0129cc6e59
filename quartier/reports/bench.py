"""Benchmark of reports (`quartier seed_bench`, docs/reports.md "Speed"): the
builder's preview of a report to the council with every section, and a timed
generation of that report for Musterstadt with the benchmark data (the work the
background task does), printed while seeding."""

from __future__ import annotations

import datetime
import sys
import time

from django.utils import timezone

from quartier.core import report_sections
from quartier.core.models import Municipality

BENCH_PAGES = [
    (
        "reports: preview of a council report (coordinator login)",
        "/{slug}/reports/new/?preview=1&audience=council",
    ),
]


def seed_bench(municipality: Municipality, count: int) -> None:
    """Generate `count` reports to the council over the last two years, timed."""
    from quartier.accounts.models import Membership
    from quartier.reports import generation, services

    member = (
        Membership.objects.filter(
            municipality=municipality, role__in=("coordinator", "admin")
        )
        .select_related("user")
        .order_by("pk")
        .first()
    )
    if member is None:
        raise RuntimeError("seed_bench needs a coordinator of the municipality")
    today = timezone.localdate()
    for number in range(1, count + 1):
        report = services.report_create(
            by=member.user,
            municipality=municipality,
            title=f"Benchmark-Bericht {number}",
            audience="council",
            period_start=today - datetime.timedelta(days=730),
            period_end=today,
            section_keys=[s.key for s in report_sections.sections()],
        )
        started = time.monotonic()
        generation.run(report)
        seconds = time.monotonic() - started
        sys.stdout.write(
            f"Report of {municipality.slug} ({len(report.content)} sections, "
            f"estimate {generation.estimate(report)} rows, status {report.status}) "
            f"generated in {seconds:.2f} s\n"
        )
