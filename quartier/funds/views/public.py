"""Public pages of the funds app: the funds with their open calls, a fund, a call,
and the list of funded projects."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from quartier.core.gate import get_object_for, require
from quartier.funds.models import Application, Call, Fund, FundStatus, ReportPhoto
from quartier.funds.services import call_closed_reason

PAGE_SIZE = 30


@require_GET
def fund_list(request: HttpRequest) -> HttpResponse:
    require(request, "core.view_municipality")
    municipality = request.municipality
    today = timezone.localdate()
    funds = list(
        Fund.objects.visible_to(request.user, municipality)
        .select_related("neighborhood")
        .prefetch_related(
            Prefetch(
                "calls",
                queryset=Call.objects.filter(
                    opens_on__lte=today, closes_on__gte=today
                ).order_by("closes_on"),
                to_attr="open_calls",
            )
        )
    )
    context = {
        "funds": funds,
        "can_add": request.user.has_perm("funds.add_fund", municipality),
        "sits_in_jury": request.user.has_perm("funds.view_jury_queue", municipality),
        "can_apply": request.user.is_authenticated,
    }
    return render(request, "funds/fund_list.html", context)


@require_GET
def fund_detail(request: HttpRequest, slug: str) -> HttpResponse:
    fund = get_object_for(
        request, Fund.objects.select_related("neighborhood"), slug=slug
    )
    user = request.user
    context = {
        "fund": fund,
        "calls": fund.calls.order_by("-opens_on", "id"),
        "jury": fund.jury.select_related("user"),
        "funded_count": Application.objects.filter(call__fund=fund).funded().count(),
        "can_edit": user.has_perm("funds.change_fund", fund),
        "can_manage_jury": user.has_perm("funds.manage_jury", fund),
        "can_add_call": user.has_perm("funds.add_call", fund),
        "can_see_applications": user.has_perm("funds.view_applications", fund),
    }
    return render(request, "funds/fund_detail.html", context)


@require_GET
def call_detail(request: HttpRequest, pk: int) -> HttpResponse:
    call = get_object_for(request, Call.objects.select_related("fund"), pk=pk)
    context = {
        "call": call,
        "fund": call.fund,
        "closed_reason": call_closed_reason(call),
        "can_edit": request.user.has_perm("funds.change_call", call),
        "can_record": request.user.has_perm("funds.record_application", call),
    }
    return render(request, "funds/call_detail.html", context)


@require_GET
def funded(request: HttpRequest) -> HttpResponse:
    """Funded projects: title, amount, neighbourhood, what happened — an
    organisation's or group's name only where the applicant agreed, never a
    private person's."""
    require(request, "core.view_municipality")
    projects = (
        Application.objects.of(request.municipality)
        .funded()
        .exclude(call__fund__status=FundStatus.DRAFT)
        .select_related("actor", "neighborhood", "call__fund", "report")
        .prefetch_related(
            Prefetch("report__photos", queryset=ReportPhoto.objects.order_by("id"))
        )
        .order_by("-decided_at", "-id")
    )
    page = Paginator(projects, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "funds/funded.html", {"page": page, "projects": page})
