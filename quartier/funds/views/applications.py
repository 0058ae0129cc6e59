"""The applicant's pages: apply (save as draft, submit), edit after questions,
the application page with every action the user may take, withdraw, the proof of
use, the decision letter and "my applications"."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from quartier.core.forms import add_service_errors
from quartier.core.gate import get_object_for, require
from quartier.core.pagination import Key, keyset_page
from quartier.core.pdf import pdf_response
from quartier.core.predicates import is_coordinator
from quartier.funds import services
from quartier.funds.forms import (
    ApplicationForm,
    ConflictForm,
    EarlyStartForm,
    PayoutForm,
    PrecheckForm,
    ReportForm,
    RevokeForm,
    VoteForm,
)
from quartier.funds.legal import (
    REMEDY_NOTICE_TEMPLATE,
    has_open_fields,
    highlight_open_fields,
)
from quartier.funds.models import (
    Application,
    ApplicationStatus,
    Call,
    ConflictOfInterest,
)
from quartier.funds.rules import conflict_reason, jury_seat

S = ApplicationStatus


def applications() -> Any:
    return Application.objects.select_related(
        "call__fund__municipality",
        "call__fund__neighborhood",
        "applicant",
        "actor",
        "neighborhood",
        "decided_by",
        "municipality",
    )


def _save_and_maybe_submit(
    request: HttpRequest, form: ApplicationForm, **target: Any
) -> HttpResponse | None:
    """Save the form as a draft; with the "submit" button, submit it too. Returns
    the redirect, or None when the form shows errors."""
    try:
        application = services.application_save(
            by=request.user, **target, **form.service_data()
        )
    except ValidationError as exc:
        add_service_errors(form, exc)
        return None
    if request.POST.get("action") == "submit":
        try:
            services.application_submit(by=request.user, application=application)
        except ValidationError:
            # Saved, but not complete: the edit page lists what is missing.
            messages.warning(
                request,
                _("Your draft was saved, but some answers are still missing."),
            )
            url = reverse(
                "funds:edit",
                kwargs={
                    "municipality_slug": request.municipality.slug,
                    "pk": application.pk,
                },
            )
            return redirect(f"{url}?check=1")
        messages.success(
            request,
            _("Your application was submitted. We have sent you a confirmation."),
        )
    else:
        messages.success(
            request,
            _("Your draft was saved. You can continue and submit it later."),
        )
    return redirect(application)


def apply(request: HttpRequest, pk: int) -> HttpResponse:
    call = get_object_for(
        request, Call.objects.select_related("fund"), "funds.apply", pk=pk
    )
    form = ApplicationForm(
        request.POST if request.method == "POST" else None,
        user=request.user,
        municipality=request.municipality,
    )
    closed = services.call_closed_reason(call)
    if request.method == "POST" and not closed and form.is_valid():
        response = _save_and_maybe_submit(request, form, call=call)
        if response is not None:
            return response
    context = {"call": call, "fund": call.fund, "form": form, "closed_reason": closed}
    return render(request, "funds/application_form.html", context)


def edit(request: HttpRequest, pk: int) -> HttpResponse:
    application = get_object_for(
        request, applications(), "funds.change_application", pk=pk
    )
    form = ApplicationForm(
        request.POST if request.method == "POST" else None,
        instance=application,
        user=request.user,
        municipality=request.municipality,
    )
    if request.method == "POST" and form.is_valid():
        response = _save_and_maybe_submit(request, form, application=application)
        if response is not None:
            return response
    problems = (
        services.submission_problems(application)
        if request.method == "GET" and request.GET.get("check")
        else {}
    )
    context = {
        "call": application.call,
        "fund": application.call.fund,
        "form": form,
        "application": application,
        "closed_reason": "",
        "problems": list(problems.values()),
    }
    return render(request, "funds/application_form.html", context)


@require_POST
def submit(request: HttpRequest, pk: int) -> HttpResponse:
    application = get_object_for(
        request, applications(), "funds.change_application", pk=pk
    )
    try:
        services.application_submit(by=request.user, application=application)
    except ValidationError:
        messages.warning(request, _("Some answers are still missing."))
        url = reverse(
            "funds:edit",
            kwargs={"municipality_slug": request.municipality.slug, "pk": pk},
        )
        return redirect(f"{url}?check=1")
    messages.success(
        request, _("Your application was submitted. We have sent you a confirmation.")
    )
    return redirect(application)


@require_POST
def withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    application = get_object_for(
        request, applications(), "funds.withdraw_application", pk=pk
    )
    try:
        services.application_withdraw(by=request.user, application=application)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Your application was withdrawn."))
    return redirect(application)


def detail_context(request: HttpRequest, application: Application) -> dict[str, Any]:
    user = request.user
    has = user.has_perm
    can_see_votes = has("funds.view_votes", application)
    seat = jury_seat(user, application)
    conflict = (
        ConflictOfInterest.objects.filter(application=application, member=seat).first()
        if seat
        else None
    )
    lines = list(application.cost_lines.all())
    votes = list(services.counted_votes(application)) if can_see_votes else []
    decided = application.status not in (
        S.DRAFT,
        S.SUBMITTED,
        S.QUESTIONS,
        S.COMPLETE,
        S.WITHDRAWN,
    )
    report = getattr(application, "report", None) if decided else None
    is_open = application.status == S.COMPLETE
    payouts = (
        list(application.payouts.select_related("created_by", "confirmed_by"))
        if decided
        else []
    )
    pending = sum((p.amount for p in payouts if p.pending), services.ZERO)
    can_release = has("funds.release_payout", application)
    for p in payouts:
        p.can_release = p.pending and can_release and p.created_by_id != user.pk
    # Coordinators and jury members learn why the steps are not offered to them.
    reason = (
        conflict_reason(user, application)
        if seat is not None or is_coordinator.test(user, application)
        else ""
    )
    return {
        "application": application,
        "fund": application.call.fund,
        "lines": lines,
        "total": sum((line.amount for line in lines), services.ZERO),
        "can_edit": has("funds.change_application", application),
        "can_withdraw": has("funds.withdraw_application", application)
        and application.status
        in (S.DRAFT, S.SUBMITTED, S.QUESTIONS, S.COMPLETE, S.APPROVED)
        and not application.payouts.exists(),
        "can_precheck": has("funds.precheck_application", application)
        and application.status == S.SUBMITTED,
        "seat": seat,
        "conflict": conflict,
        "can_declare_conflict": seat is not None and conflict is None and is_open,
        "can_vote": is_open
        and application.voting_open
        and has("funds.vote", application),
        "my_vote": next(
            (v for v in votes if v.member_id == getattr(seat, "pk", None)), None
        ),
        "can_see_votes": can_see_votes,
        "votes": votes,
        "result": services.jury_result(application) if can_see_votes else None,
        "conflict_count": application.conflicts.count() if can_see_votes else 0,
        "conflict_reason": reason,
        "can_decide": is_open and has("funds.decide", application),
        "can_decide_early_start": application.early_start_requested
        and not application.early_start
        and application.status in (S.SUBMITTED, S.QUESTIONS, S.COMPLETE)
        and has("funds.decide", application),
        "can_see_contact": has("funds.view_letter", application),
        "can_see_receipts": decided and has("funds.view_receipts", application),
        "receipt_count": application.receipts.count() if decided else 0,
        "early_start_form": EarlyStartForm(),
        "can_record_meeting": is_open
        and application.voting_open
        and has("funds.record_meeting", application),
        "can_revoke": application.status == S.APPROVED
        and not payouts
        and has("funds.decide", application),
        "can_pay": application.status in (S.APPROVED, S.PAID, S.REPORTED)
        and has("funds.pay_out", application),
        "payouts": payouts,
        "pending_total": pending,
        "left_to_pay": (application.approved_amount or services.ZERO)
        - application.paid_total
        - pending,
        "report": report,
        "can_report": application.status in (S.APPROVED, S.PAID)
        and has("funds.report", application),
        "can_close": application.status == S.REPORTED
        and not pending
        and has("funds.close_application", application),
        "money_back": services.money_back(application)
        if application.status == S.REPORTED
        else None,
        "has_letter": application.decided_at is not None
        and has("funds.view_letter", application),
        "precheck_form": PrecheckForm(),
        "conflict_form": ConflictForm(),
        "vote_form": VoteForm(initial={"choice": None}, prefix="vote"),
        "payout_form": PayoutForm(initial={"paid_on": timezone.localdate()}),
        "revoke_form": RevokeForm(),
    }


@require_GET
def application_detail(request: HttpRequest, pk: int) -> HttpResponse:
    application = get_object_for(request, applications(), pk=pk)
    return render(
        request,
        "funds/application_detail.html",
        detail_context(request, application),
    )


def report(request: HttpRequest, pk: int) -> HttpResponse:
    application = get_object_for(request, applications(), "funds.report", pk=pk)
    form = ReportForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.report_submit(
                by=request.user,
                application=application,
                what_happened=data["what_happened"],
                participants=data["participants"],
                photos=form.photos(),
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Thank you! Your proof of use was received."))
            return redirect(application)
    context = {
        "application": application,
        "form": form,
        "receipts": list(application.receipts.all()),
        "total": application.receipts_sum,
    }
    return render(request, "funds/report_form.html", context)


@require_GET
def letter(request: HttpRequest, pk: int) -> HttpResponse:
    application = get_object_for(request, applications(), "funds.view_letter", pk=pk)
    if application.decided_at is None:
        raise Http404
    fund = application.call.fund
    remedy = fund.remedy_notice or str(REMEDY_NOTICE_TEMPLATE)
    context = {
        "application": application,
        "fund": fund,
        "municipality": request.municipality,
        "today": timezone.localdate(),
        "guideline_url": request.build_absolute_uri(fund.get_absolute_url()),
        "remedy_notice": highlight_open_fields(remedy),
        "remedy_open": has_open_fields(remedy),
    }
    return pdf_response(
        "funds/letter.html",
        context,
        f"bescheid-{application.number}.pdf",
        request,
    )


# "My applications", last changed first, paged by keyset ("next"/"previous") in
# the order of the index application_applicant_order.
MINE_PAGE_SIZE = 50
MINE_ORDER = (Key("updated_at"), Key("id"))


@require_GET
def my_applications(request: HttpRequest) -> HttpResponse:
    require(request, "funds.view_own_applications")
    mine = (
        Application.objects.of(request.municipality)
        .filter(applicant=request.user)
        .select_related("call__fund", "actor", "municipality")
    )
    page = keyset_page(
        mine, MINE_ORDER, request.GET, size=MINE_PAGE_SIZE, count_limit=0
    )
    return render(
        request,
        "funds/my_applications.html",
        {"applications": page.object_list, "page": page},
    )


# Used by jury.py to re-render the page with a form's errors.
def render_detail_with(
    request: HttpRequest, application: Application, **forms: Any
) -> HttpResponse:
    context = detail_context(request, application)
    context.update(forms)
    return render(request, "funds/application_detail.html", context, status=200)
