"""Running imports: at once for small files, as a background task for large ones
(django-tasks; see core/tasks.py).

With the default ImmediateBackend the task runs at once; in production set
TASKS_BACKEND=django_tasks_db.DatabaseBackend and run `quartier db_worker`.

Every job ends, finished or failed with a reason (docs/security.md, "HSDS import"):
`run_job` turns any error into a failed job and, in a `finally`, fails a job that is
still open; a job whose worker died (killed, out of memory) is ended as failed by
`end_stale_jobs` when someone looks at it.
"""

from __future__ import annotations

import datetime
import logging

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from quartier.hsds.models import ImportJob, ImportStatus
from quartier.hsds.parsing import Issue, ParseError, Record, parse_csv, parse_json
from quartier.hsds.services import ImportResult, import_records

logger = logging.getLogger(__name__)

# How often (in records) a running job writes its progress.
PROGRESS_STEP = 20
OPEN = (ImportStatus.PENDING, ImportStatus.RUNNING)


def parse(job: ImportJob, content: bytes) -> list[Record]:
    """The file's records; ParseError (with a message for people) for any file
    that cannot be read, whatever its shape."""
    try:
        if job.format == "csv":
            return parse_csv(content, job.municipality.slug)
        return parse_json(content)
    except ParseError:
        raise
    except (ArithmeticError, ValueError, TypeError, KeyError, AttributeError) as exc:
        logger.warning("HSDS import: unreadable file %s", job.filename, exc_info=True)
        raise ParseError(
            _("The file could not be read: its structure is not HSDS.")
        ) from exc


def finish(job: ImportJob, result: ImportResult) -> ImportJob:
    job.status = ImportStatus.DONE if result.ok else ImportStatus.FAILED
    job.errors = [issue.as_dict() for issue in result.errors]
    job.warnings = [issue.as_dict() for issue in result.warnings]
    job.error_count = result.error_count
    job.warning_count = result.warning_count
    job.summary = result.summary
    job.processed = job.total
    job.finished_at = timezone.now()
    job.save()
    return job


def fail(job: ImportJob, message: str) -> ImportJob:
    return finish(job, ImportResult(errors=[Issue("", "", message)]))


def run_job(job: ImportJob, records: list[Record] | None = None) -> ImportJob:
    """Check and import the job's records (parsed from its file if not given).
    The job always ends: done, or failed with a reason."""
    try:
        return _run(job, records)
    except Exception:
        logger.exception("HSDS import %s stopped", job.pk)
        return fail(job, stopped())
    finally:
        # Also after errors that are no Exception (a worker being shut down).
        ImportJob.objects.filter(pk=job.pk, status__in=OPEN).update(
            status=ImportStatus.FAILED,
            errors=[Issue("", "", stopped()).as_dict()],
            error_count=1,
            finished_at=timezone.now(),
        )


def _run(job: ImportJob, records: list[Record] | None) -> ImportJob:
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


def stopped() -> str:
    """The reason of a job that stopped unexpectedly."""
    return _(
        "The import stopped because of an unexpected error; nothing was "
        "changed. Please try again or split the file."
    )


def stale_after() -> datetime.timedelta:
    """An open job older than this has lost its worker."""
    return datetime.timedelta(
        minutes=int(getattr(settings, "HSDS_IMPORT_STALE_MINUTES", 60))
    )


def end_stale_jobs(municipality: object) -> int:
    """Fail the municipality's jobs whose worker died; the number ended."""
    return (
        ImportJob.objects.of(municipality)
        .filter(status__in=OPEN, created_at__lt=timezone.now() - stale_after())
        .update(
            status=ImportStatus.FAILED,
            errors=[
                Issue(
                    "",
                    "",
                    _(
                        "The import did not finish (its worker stopped); nothing "
                        "was changed. Please upload the file again."
                    ),
                ).as_dict()
            ],
            error_count=1,
            finished_at=timezone.now(),
        )
    )


@task()
def run_import(*, job_id: str) -> None:
    job = (
        ImportJob.objects.select_related("municipality", "created_by")
        .filter(pk=job_id)
        .first()
    )
    if job is not None:
        run_job(job)
