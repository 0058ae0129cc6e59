"""The steering and coordination: funds and their juries (admins), calls
(coordinators), the list of all applications of a fund, and the CSV export for the
municipality's bookkeeping."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from quartier.core.csvexport import csv_response
from quartier.core.forms import add_service_errors
from quartier.core.gate import get_object_for, require
from quartier.core.pagination import Key, keyset_page
from quartier.funds import services
from quartier.funds.forms import CallForm, FundForm, JuryMemberForm
from quartier.funds.models import Application, ApplicationStatus, Call, Fund, JuryMember
from quartier.funds.money import decimal_comma

PAGE_SIZE = 50
# The applications of a fund, newest submission first (drafts, never submitted,
# last), paged by keyset ("next"/"previous", quartier/core/pagination.py).
APPLICATION_ORDER = (Key("submitted_at", nulls_last=True), Key("id"))


def fund_edit(request: HttpRequest, slug: str | None = None) -> HttpResponse:
    fund = None
    if slug is not None:
        fund = get_object_for(
            request, Fund.objects.all(), "funds.change_fund", slug=slug
        )
    else:
        require(request, "funds.add_fund")
    form = FundForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
        instance=fund,
        municipality=request.municipality,
    )
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.fund_save(
                by=request.user,
                municipality=request.municipality,
                fund=fund,
                **form.cleaned_data,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("“%s” was saved.") % saved.name)
            return redirect(saved)
    return render(request, "funds/fund_form.html", {"form": form, "fund": fund})


def jury_manage(request: HttpRequest, slug: str) -> HttpResponse:
    fund = get_object_for(request, Fund.objects.all(), "funds.manage_jury", slug=slug)
    form = JuryMemberForm(
        request.POST if request.method == "POST" else None,
        municipality=request.municipality,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.jury_member_add(
                by=request.user,
                fund=fund,
                user=data["email"],
                role=data["role"],
                voting=data["voting"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The jury member was added."))
            return redirect(
                "funds:jury_manage",
                municipality_slug=fund.municipality.slug,
                slug=fund.slug,
            )
    jury = fund.jury.select_related("user")
    return render(
        request, "funds/jury_manage.html", {"fund": fund, "form": form, "jury": jury}
    )


@require_POST
def jury_remove(request: HttpRequest, slug: str, member_pk: int) -> HttpResponse:
    fund = get_object_for(request, Fund.objects.all(), "funds.manage_jury", slug=slug)
    member = get_object_or_404(JuryMember.objects.filter(fund=fund), pk=member_pk)
    services.jury_member_remove(by=request.user, member=member)
    messages.success(request, _("The jury member was removed."))
    return redirect(
        "funds:jury_manage", municipality_slug=fund.municipality.slug, slug=fund.slug
    )


def call_edit(
    request: HttpRequest, slug: str | None = None, pk: int | None = None
) -> HttpResponse:
    call = None
    if pk is not None:
        call = get_object_for(
            request, Call.objects.select_related("fund"), "funds.change_call", pk=pk
        )
        fund = call.fund
    else:
        fund = get_object_for(request, Fund.objects.all(), "funds.add_call", slug=slug)
    # A new call knows its fund, so the budget-year check shows next to the date.
    form = CallForm(
        request.POST if request.method == "POST" else None,
        instance=call or Call(fund=fund, municipality=fund.municipality),
    )
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.call_save(
                by=request.user, fund=fund, call=call, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("“%s” was saved.") % saved.title)
            return redirect(saved)
    context = {"form": form, "fund": fund, "call": call}
    return render(request, "funds/call_form.html", context)


# What a row of the list shows (applicant_label, number, the link): the long texts
# of 50 applications stay in the database.
LIST_FIELDS = (
    "municipality__slug",
    "actor__name",
    "applicant__display_name",
    "applicant__deleted_at",
    "group_name",
    "contact_name",
    "channel",
    "title",
    "status",
    "requested_amount",
    "approved_amount",
    "paid_total",
    "submitted_at",
    "created_at",
)


def _applications_of(fund: Fund):  # type: ignore[no-untyped-def]
    return (
        Application.objects.filter(call__fund=fund)
        .select_related("call", "applicant", "actor", "neighborhood", "municipality")
        .order_by("-submitted_at", "-id")
    )


@require_GET
def application_list(request: HttpRequest, slug: str) -> HttpResponse:
    fund = get_object_for(
        request, Fund.objects.all(), "funds.view_applications", slug=slug
    )
    status = request.GET.get("status", "")
    rows = _applications_of(fund)
    if status in ApplicationStatus.values:
        rows = rows.filter(status=status)
    page = keyset_page(
        rows.select_related(None)
        .select_related("actor", "applicant", "municipality")
        .only(*LIST_FIELDS),
        APPLICATION_ORDER,
        request.GET,
        size=PAGE_SIZE,
        count_limit=0,
    )
    context = {
        "fund": fund,
        "page": page,
        "applications": page.object_list,
        "status": status,
        "statuses": ApplicationStatus.choices,
    }
    return render(request, "funds/application_list.html", context)


@require_GET
def export_csv(request: HttpRequest, slug: str) -> HttpResponse:
    """Bookkeeping export: UTF-8 with BOM, semicolons, German decimal comma (as
    German spreadsheet programs open it with a double click)."""
    fund = get_object_for(request, Fund.objects.all(), "funds.export_csv", slug=slug)
    header = [
        _("Application no."),
        _("Applicant"),
        _("Title"),
        _("Status"),
        _("Requested"),
        _("Approved"),
        _("Paid out"),
        _("Returned"),
        _("Submitted"),
        _("Decided"),
        _("Last payout"),
        _("Received"),
    ]
    applications = _applications_of(fund).exclude(status=ApplicationStatus.DRAFT)
    applications = applications.prefetch_related("payouts")
    rows = []
    for app in applications:
        payouts = list(app.payouts.all())
        rows.append(
            [
                app.number,
                app.applicant_label,
                app.title,
                app.get_status_display(),
                decimal_comma(app.requested_amount),
                decimal_comma(app.approved_amount),
                decimal_comma(app.paid_total),
                decimal_comma(app.returned_amount),
                app.submitted_at.strftime("%d.%m.%Y") if app.submitted_at else "",
                app.decided_at.strftime("%d.%m.%Y") if app.decided_at else "",
                payouts[-1].paid_on.strftime("%d.%m.%Y") if payouts else "",
                app.get_channel_display(),
            ]
        )
    return csv_response(f"{fund.slug}.csv", header, rows)
