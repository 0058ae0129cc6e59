"""The jury and the coordination: the jury's queue, pre-check, conflicts of
interest, votes, the decision, revoking, payouts and closing a grant."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Exists, F, OuterRef, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from quartier.actors.models import ActorMember
from quartier.core.forms import add_service_errors
from quartier.core.gate import get_object_for, require
from quartier.core.pagination import Key, keyset_page
from quartier.core.predicates import is_coordinator
from quartier.core.row_urls import url_maker
from quartier.funds import services
from quartier.funds.forms import (
    ConflictForm,
    DecisionForm,
    EarlyStartForm,
    MeetingForm,
    PayoutForm,
    PrecheckForm,
    RevokeForm,
    VoteForm,
)
from quartier.funds.models import (
    Application,
    ApplicationStatus,
    ConflictOfInterest,
    Fund,
    JuryMember,
    Payout,
    Vote,
)
from quartier.funds.views.applications import applications, render_detail_with

# The jury's queue, oldest submission first, paged by keyset ("next"/"previous",
# quartier/core/pagination.py) in the order of the index application_status_order.
QUEUE_PAGE_SIZE = 20
QUEUE_ORDER = (
    Key("submitted_at", descending=False),
    Key("id", descending=False),
)
# What a row of the queue shows (title, channel, amount; the fund's name as a
# column): no related rows and no long texts are built for the 50 rows.
QUEUE_FIELDS = ("channel", "title", "requested_amount", "submitted_at")


@require_GET
def jury_queue(request: HttpRequest) -> HttpResponse:
    """Applications with the jury: for each, whether I voted or declared a
    conflict."""
    require(request, "funds.view_jury_queue")
    municipality = request.municipality
    user = request.user
    funds = Fund.objects.of(municipality)
    if not is_coordinator.test(user, municipality):
        funds = funds.filter(jury__user=user)
    queue = (
        Application.objects.of(municipality)
        .filter(call__fund__in=funds, status=ApplicationStatus.COMPLETE)
        .only(*QUEUE_FIELDS)
        .annotate(
            fund_name=F("call__fund__name"),
            # Whether, not how many: EXISTS needs no GROUP BY over every column of
            # every application (half the page's time with 200 in the queue).
            my_votes=Exists(
                Vote.objects.filter(application=OuterRef("pk"), member__user=user)
            ),
            my_conflicts=Exists(
                ConflictOfInterest.objects.filter(
                    application=OuterRef("pk"), member__user=user
                )
            ),
            # Conflicted without declaring it: one's own or one's organisation's.
            mine=Q(applicant=user)
            | Exists(
                ActorMember.objects.filter(actor_id=OuterRef("actor_id"), user=user)
            ),
        )
    )
    page = keyset_page(
        queue, QUEUE_ORDER, request.GET, size=QUEUE_PAGE_SIZE, count_limit=0
    )
    url = url_maker("funds:application", municipality)
    for application in page.object_list:
        application.url = url(application.pk)
    context = {"queue": page.object_list, "page": page}
    return render(request, "funds/jury_queue.html", context)


@require_POST
def precheck(request: HttpRequest, pk: int) -> HttpResponse:
    application = get_object_for(
        request, applications(), "funds.precheck_application", pk=pk
    )
    form = PrecheckForm(request.POST)
    if form.is_valid():
        try:
            services.application_precheck(
                by=request.user,
                application=application,
                complete=form.cleaned_data["outcome"] == "complete",
                message=form.cleaned_data["message"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The pre-check was recorded."))
            return redirect(application)
    return render_detail_with(request, application, precheck_form=form)


@require_POST
def conflict(request: HttpRequest, pk: int) -> HttpResponse:
    application = get_object_for(
        request, applications(), "funds.declare_conflict", pk=pk
    )
    form = ConflictForm(request.POST)
    if form.is_valid():
        services.conflict_declare(
            by=request.user, application=application, note=form.cleaned_data["note"]
        )
        messages.success(
            request,
            _(
                "Your conflict of interest was recorded. You will not vote on this "
                "application and will not see its votes."
            ),
        )
        return redirect(application)
    return render_detail_with(request, application, conflict_form=form)


@require_POST
def vote(request: HttpRequest, pk: int) -> HttpResponse:
    application = get_object_for(request, applications(), "funds.vote", pk=pk)
    form = VoteForm(request.POST, prefix="vote")
    if form.is_valid():
        try:
            services.vote_cast(
                by=request.user,
                application=application,
                choice=form.cleaned_data["choice"],
                comment=form.cleaned_data["comment"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Your vote was recorded."))
            return redirect(application)
    return render_detail_with(request, application, vote_form=form)


def decide(request: HttpRequest, pk: int) -> HttpResponse:
    application = get_object_for(request, applications(), "funds.decide", pk=pk)
    fund = application.call.fund
    result = services.jury_result(application)
    initial = {
        "how": "solo"
        if (application.requested_amount or 0) <= fund.solo_limit
        else "jury",
        "outcome": "approve" if result.approved else None,
        "amount": application.requested_amount,
    }
    form = DecisionForm(
        request.POST if request.method == "POST" else None, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.grant_decide(
                by=request.user,
                application=application,
                approve=data["outcome"] == "approve",
                how=data["how"],
                amount=data["amount"],
                rationale=data["rationale"],
                conditions=data["conditions"],
                deviation_reason=data["deviation_reason"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request, _("The decision was recorded and the applicant informed.")
            )
            return redirect(application)
    votes = services.counted_votes(application)
    context = {
        "application": application,
        "fund": fund,
        "form": form,
        "result": result,
        "votes": votes,
        "is_open": application.status == ApplicationStatus.COMPLETE,
    }
    return render(request, "funds/decision_form.html", context)


@require_POST
def early_start(request: HttpRequest, pk: int) -> HttpResponse:
    """The decider allows or refuses a requested early start."""
    application = get_object_for(request, applications(), "funds.decide", pk=pk)
    form = EarlyStartForm(request.POST)
    if form.is_valid():
        try:
            services.early_start_decide(
                by=request.user,
                application=application,
                grant=form.cleaned_data["outcome"] == "grant",
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request, _("The decision on the early start was recorded.")
            )
            return redirect(application)
    return render_detail_with(request, application, early_start_form=form)


@require_POST
def revoke(request: HttpRequest, pk: int) -> HttpResponse:
    application = get_object_for(request, applications(), "funds.decide", pk=pk)
    form = RevokeForm(request.POST)
    if form.is_valid():
        try:
            services.grant_revoke(
                by=request.user,
                application=application,
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The approval was revoked."))
            return redirect(application)
    return render_detail_with(request, application, revoke_form=form)


@require_POST
def payout(request: HttpRequest, pk: int) -> HttpResponse:
    application = get_object_for(request, applications(), "funds.pay_out", pk=pk)
    form = PayoutForm(request.POST)
    if form.is_valid():
        try:
            services.payout_record(
                by=request.user, application=application, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            if application.call.fund.payout_four_eyes:
                messages.success(
                    request,
                    _(
                        "The payout was recorded. A second person must release it "
                        "before it counts as paid."
                    ),
                )
            else:
                messages.success(request, _("The payout was recorded."))
            return redirect(application)
    return render_detail_with(request, application, payout_form=form)


@require_POST
def close(request: HttpRequest, pk: int) -> HttpResponse:
    application = get_object_for(
        request, applications(), "funds.close_application", pk=pk
    )
    try:
        services.grant_close(by=request.user, application=application)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request, _("The grant was closed; money not used went back into the fund.")
        )
    return redirect(application)


def meeting(request: HttpRequest, pk: int) -> HttpResponse:
    """Record the votes of a jury meeting in person (who voted how, and when)."""
    application = get_object_for(request, applications(), "funds.record_meeting", pk=pk)
    members = list(
        JuryMember.objects.filter(fund_id=application.call.fund_id, voting=True)
        .select_related("user")
        .order_by("role", "id")
    )
    conflicted = set(
        services.conflicted_members(application).values_list("pk", flat=True)
    )
    form = MeetingForm(
        request.POST if request.method == "POST" else None,
        members=members,
        conflicted=conflicted,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.meeting_record(
                by=request.user,
                application=application,
                held_on=form.cleaned_data["held_on"],
                votes=form.votes(),
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The votes of the jury meeting were recorded."))
            return redirect(application)
    context = {
        "application": application,
        "fund": application.call.fund,
        "form": form,
        "result": services.jury_result(application),
        "is_open": application.status == ApplicationStatus.COMPLETE
        and application.voting_open,
    }
    return render(request, "funds/meeting_form.html", context)


@require_POST
def payout_release(request: HttpRequest, pk: int, payout_pk: int) -> HttpResponse:
    application = get_object_for(request, applications(), "funds.release_payout", pk=pk)
    payout = get_object_or_404(Payout, pk=payout_pk, application=application)
    try:
        services.payout_release(by=request.user, application=application, payout=payout)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The payout was released."))
    return redirect(application)


@require_POST
def payout_cancel(request: HttpRequest, pk: int, payout_pk: int) -> HttpResponse:
    application = get_object_for(request, applications(), "funds.pay_out", pk=pk)
    payout = get_object_or_404(Payout, pk=payout_pk, application=application)
    try:
        services.payout_cancel(by=request.user, application=application, payout=payout)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The payout was cancelled."))
    return redirect(application)
