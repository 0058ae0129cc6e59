"""Generating large reports as a background task (django-tasks, see
core/tasks.py): with the default ImmediateBackend it runs at once; in production
set TASKS_BACKEND=django_tasks_db.DatabaseBackend and run `quartier db_worker`."""

from __future__ import annotations

from django_tasks import task

from quartier.reports import generation
from quartier.reports.models import Report, ReportStatus


@task()
def generate_report(*, report_id: int) -> None:
    report = (
        Report.objects.select_related("municipality", "created_by")
        .filter(pk=report_id, status=ReportStatus.PENDING)
        .first()
    )
    if report is not None:
        generation.run(report)
