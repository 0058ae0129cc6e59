"""Background import of large HSDS files (django-tasks; see core/tasks.py).

With the default ImmediateBackend the task runs at once; in production set
TASKS_BACKEND=django_tasks_db.DatabaseBackend and run `quartier db_worker`.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from quartier.hsds.models import ImportJob, ImportStatus
from quartier.hsds.parsing import Issue, ParseError, Record, parse_csv, parse_json
from quartier.hsds.services import ImportResult, import_records

# How often (in records) a running job writes its progress.
PROGRESS_STEP = 20


def parse(job: ImportJob, content: bytes) -> list[Record]:
    if job.format == "csv":
        return parse_csv(content, job.municipality.slug)
    return parse_json(content)


def finish(job: ImportJob, result: ImportResult) -> ImportJob:
    job.status = ImportStatus.DONE if result.ok else ImportStatus.FAILED
    job.errors = [issue.as_dict() for issue in result.errors]
    job.warnings = [issue.as_dict() for issue in result.warnings]
    job.summary = result.summary
    job.processed = job.total
    job.finished_at = timezone.now()
    job.save()
    return job


def fail(job: ImportJob, message: str) -> ImportJob:
    return finish(job, ImportResult(errors=[Issue("", "", message)]))


def run_job(job: ImportJob, records: list[Record] | None = None) -> ImportJob:
    """Check and import the job's records (parsed from its file if not given)."""
    job.status = ImportStatus.RUNNING
    job.save(update_fields=["status"])
    if records is None:
        try:
            with job.file.open("rb") as handle:
                records = parse(job, handle.read())
        except (OSError, ParseError) as exc:
            return fail(job, str(exc))
    job.total = len(records)
    job.save(update_fields=["total"])
    if job.created_by is None:
        return fail(job, _("The person who started the import no longer exists."))

    def progress(done: int) -> None:
        if done % PROGRESS_STEP == 0 or done == job.total:
            ImportJob.objects.filter(pk=job.pk).update(processed=done)

    try:
        result = import_records(
            by=job.created_by,
            municipality=job.municipality,
            records=records,
            progress=progress,
        )
    except PermissionDenied:
        return fail(job, _("The person who started the import may no longer import."))
    return finish(job, result)


@task()
def run_import(*, job_id: str) -> None:
    job = ImportJob.objects.select_related("municipality", "created_by").get(pk=job_id)
    run_job(job)
