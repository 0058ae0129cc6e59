"""Import pages for coordinators: upload, status of a job, the CSV template."""

from __future__ import annotations

from django.conf import settings
from django.core.files.base import ContentFile
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from quartier.core.gate import get_object_for, require
from quartier.hsds.forms import ImportForm
from quartier.hsds.models import ImportJob
from quartier.hsds.parsing import ParseError, template_csv
from quartier.hsds.tasks import end_stale_jobs, parse, run_import, run_job

RECENT_JOBS = 10


def background_rows() -> int:
    """Imports with more records than this run as a background task."""
    return int(getattr(settings, "HSDS_IMPORT_BACKGROUND_ROWS", 200))


def import_start(request: HttpRequest) -> HttpResponse:
    municipality = request.municipality  # type: ignore[attr-defined]
    require(request, "hsds.import")
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        content = upload.read()
        job = ImportJob(
            municipality=municipality,
            format=form.format,
            filename=upload.name[:200],
            created_by=request.user,
        )
        try:
            records = parse(job, content)
        except ParseError as exc:
            form.add_error("file", str(exc))
        else:
            job.total = len(records)
            if len(records) > background_rows():
                job.file.save(
                    f"{job.pk}.{job.format}", ContentFile(content), save=False
                )
                job.save()
                run_import.enqueue(job_id=str(job.pk))
            else:
                job.save()
                run_job(job, records)
            return redirect(job.get_absolute_url())
    end_stale_jobs(municipality)
    jobs = ImportJob.objects.of(municipality).select_related("created_by")[:RECENT_JOBS]
    return render(
        request,
        "hsds/import_form.html",
        {"form": form, "jobs": jobs, "background_rows": background_rows()},
    )


@require_GET
def import_job(request: HttpRequest, pk: str) -> HttpResponse:
    end_stale_jobs(request.municipality)  # type: ignore[attr-defined]
    job = get_object_for(request, ImportJob.objects.select_related("created_by"), pk=pk)
    template = "hsds/import_job.html"
    if request.headers.get("HX-Request"):
        template = "hsds/_import_status.html"
    return render(request, template, {"job": job})


@require_GET
def import_template(request: HttpRequest) -> HttpResponse:
    require(request, "hsds.import")
    response = HttpResponse(
        "\ufeff" + template_csv(), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="quartier-angebote.csv"'
    return response
