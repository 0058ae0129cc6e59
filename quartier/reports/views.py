"""The report builder and saved reports below /<slug>/reports/ (docs/reports.md):
for the coordination, plus the published public reports for everybody."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from quartier.core.forms import add_service_errors
from quartier.core.gate import get_object_for, require
from quartier.reports import generation, rendering, services
from quartier.reports.forms import ReportForm, SachberichtForm, TextsForm, defaults
from quartier.reports.models import Report, ReportStatus

PAGE_SIZE = 50


def _municipality(request: HttpRequest) -> Any:
    return request.municipality  # type: ignore[attr-defined]


def _report(request: HttpRequest, pk: int, perm: str | None = None) -> Report:
    return get_object_for(
        request,
        Report.objects.select_related("municipality", "created_by"),
        perm,
        pk=pk,
    )


def report_list(request: HttpRequest) -> HttpResponse:
    municipality = _municipality(request)
    require(request, "reports.view_reports")
    reports = (
        Report.objects.of(municipality)
        .select_related("municipality", "created_by")
        .defer("content")
        .order_by("-created_at", "-pk")
    )
    page = Paginator(reports, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "reports/list.html", {"page": page, "reports": page})


def report_new(request: HttpRequest) -> HttpResponse:
    """GET: the builder, with a preview when asked for; POST: save and generate."""
    municipality = _municipality(request)
    require(request, "reports.add_report")
    preview = None
    if request.method == "POST" and "preview" in request.POST:
        form = ReportForm(request.POST, municipality=municipality)
        preview = _preview(request, form)
        status = 200 if form.is_valid() else 400
        return render(
            request,
            "reports/builder.html",
            {"form": form, "preview": preview},
            status=status,
        )
    if request.method == "POST":
        form = ReportForm(request.POST, municipality=municipality)
        if form.is_valid():
            data = form.cleaned_data
            try:
                report = services.report_create(
                    by=request.user,
                    municipality=municipality,
                    title=data["title"],
                    audience=data["audience"],
                    period_start=data["period_start"],
                    period_end=data["period_end"],
                    neighborhoods=data["neighborhoods"],
                    section_keys=data["sections"],
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                return _started(request, report)
        return render(request, "reports/builder.html", {"form": form}, status=400)
    if "preview" in request.GET:
        audience = request.GET.get("audience") or "council"
        data = {**defaults(municipality, audience)}
        for key in ("title", "audience", "period_start", "period_end"):
            if request.GET.get(key):
                data[key] = request.GET[key]
        for key in ("neighborhoods", "sections"):
            if key in request.GET:
                data[key] = request.GET.getlist(key)
        form = ReportForm(data, municipality=municipality)
        preview = _preview(request, form)
    else:
        form = ReportForm(initial=defaults(municipality), municipality=municipality)
    return render(request, "reports/builder.html", {"form": form, "preview": preview})


def _preview(request: HttpRequest, form: ReportForm) -> list[dict[str, Any]] | None:
    """The sections as they would be saved (not saved), for a valid form."""
    if not form.is_valid():
        return None
    data = form.cleaned_data
    return rendering.prepare(
        generation.preview(
            municipality=_municipality(request),
            user=request.user,
            audience=data["audience"],
            start=data["period_start"],
            end=data["period_end"],
            neighbourhoods=list(data["neighborhoods"]),
            keys=data["sections"],
        ),
        {},
    )


def _started(request: HttpRequest, report: Report) -> HttpResponse:
    if services.report_start(report):
        return redirect(
            "reports:progress", municipality_slug=report.municipality.slug, pk=report.pk
        )
    report.refresh_from_db()
    if report.status == ReportStatus.FAILED:
        messages.error(request, report.error)
    return redirect(report.get_absolute_url())


def sachbericht_new(request: HttpRequest) -> HttpResponse:
    municipality = _municipality(request)
    require(request, "reports.add_report")
    form = SachberichtForm(
        request.POST or None, municipality=municipality, user=request.user
    )
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                report = services.sachbericht_create(
                    by=request.user,
                    municipality=municipality,
                    title=data["title"],
                    application=data["application"],
                    fund=data["fund"],
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                return _started(request, report)
        return render(
            request, "reports/sachbericht_form.html", {"form": form}, status=400
        )
    form.initial.setdefault("title", _("Sachbericht"))
    return render(request, "reports/sachbericht_form.html", {"form": form})


def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report(request, pk, "reports.view_reports")
    if not report.is_done:
        return redirect(
            "reports:progress", municipality_slug=report.municipality.slug, pk=report.pk
        )
    context = rendering.context(report)
    context["texts_form"] = TextsForm(report=report)
    context["versions"] = (
        Report.objects.of(report.municipality)
        .filter(title=report.title, kind=report.kind)
        .defer("content")
        .select_related("created_by")
        .order_by("-version", "-pk")[:20]
    )
    return render(request, "reports/detail.html", context)


def report_progress(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report(request, pk, "reports.view_reports")
    template = "reports/_progress.html" if request.htmx else "reports/progress.html"  # type: ignore[attr-defined]
    return render(request, template, {"report": report})


@require_POST
def report_texts(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report(request, pk, "reports.change_report")
    form = TextsForm(request.POST, report=report)
    if form.is_valid():
        try:
            services.report_texts_update(
                by=request.user, report=report, texts=form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The texts are saved."))
            return redirect(report.get_absolute_url())
    context = rendering.context(report)
    context["texts_form"] = form
    context["versions"] = []
    return render(request, "reports/detail.html", context, status=400)


@require_POST
def report_regenerate(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report(request, pk, "reports.add_report")
    new = services.report_regenerate(by=request.user, report=report)
    return _started(request, new)


@require_POST
def report_publish(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report(request, pk, "reports.publish_report")
    services.report_publish(by=request.user, report=report)
    messages.success(request, _("The report is published on the municipality's page."))
    return redirect(report.get_absolute_url())


@require_POST
def report_unpublish(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report(request, pk, "reports.unpublish_report")
    services.report_unpublish(by=request.user, report=report)
    messages.success(request, _("The report is no longer published."))
    return redirect(report.get_absolute_url())


def report_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report(request, pk, "reports.export_report")
    return rendering.pdf_response(report, request)


def report_docx(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report(request, pk, "reports.export_report")
    return rendering.docx_response(report)


def public_list(request: HttpRequest) -> HttpResponse:
    require(request, "core.view_municipality")
    reports = (
        Report.objects.of(_municipality(request))
        .published()
        .defer("content")
        .order_by("-published_at", "-pk")
    )
    page = Paginator(reports, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "reports/public_list.html", {"page": page, "reports": page})


def public_detail(request: HttpRequest, pk: int) -> HttpResponse:
    report = get_object_for(request, Report.objects.published(), pk=pk)
    return render(request, "reports/public_detail.html", rendering.context(report))


def public_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    report = get_object_for(
        request, Report.objects.published(), "reports.export_report", pk=pk
    )
    return rendering.pdf_response(report, request)
