"""API endpoints of the funds app (mounted at /api/v1/ by quartier.api).

Anyone: the funds (not those in preparation), their calls, and the public list of
funded projects (no private person's name, as on the web page). Applications: only
for their applicant, the coordination, and the fund's jury once submitted; the
votes only for those who may see them on the page (never for a jury member who
declared a conflict of interest). Amounts are decimal strings in euros.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Router, Schema
from ninja.pagination import paginate

from quartier.core.api import Id, Pages
from quartier.core.api_auth import municipality_for, read_auth
from quartier.core.gate import get_object_for
from quartier.funds import services
from quartier.funds.models import Application, Call, Fund, FundStatus, Vote

router = Router(tags=["Neighbourhood funds"])


class FundOut(Schema):
    slug: str
    name: str
    year: int
    neighborhood: str | None
    status: str
    budget: Decimal
    committed: Decimal
    available: Decimal
    max_per_project: Decimal
    solo_limit: Decimal
    quorum: int
    majority_rule: str
    rules: str

    @staticmethod
    def resolve_neighborhood(obj: Fund) -> str | None:
        return obj.neighborhood.slug if obj.neighborhood else None


class CallOut(Schema):
    id: int
    fund: str
    title: str
    text: str
    opens_on: datetime.date
    closes_on: datetime.date
    topics: list[str]
    max_amount: Decimal
    persons_may_apply: bool
    groups_may_apply: bool
    organisations_may_apply: bool

    @staticmethod
    def resolve_fund(obj: Call) -> str:
        return obj.fund.slug

    @staticmethod
    def resolve_topics(obj: Call) -> list[str]:
        return obj.topic_list


class FundedOut(Schema):
    id: int
    fund: str
    title: str
    who: str
    neighborhood: str | None
    approved_amount: Decimal | None
    returned_amount: Decimal
    what_happened: str | None
    participants: int | None

    @staticmethod
    def resolve_fund(obj: Application) -> str:
        return obj.call.fund.slug

    @staticmethod
    def resolve_who(obj: Application) -> str:
        return obj.public_name

    @staticmethod
    def resolve_neighborhood(obj: Application) -> str | None:
        return obj.neighborhood.name if obj.neighborhood else None

    @staticmethod
    def resolve_what_happened(obj: Application) -> str | None:
        report = getattr(obj, "report", None)
        return report.what_happened if report else None

    @staticmethod
    def resolve_participants(obj: Application) -> int | None:
        report = getattr(obj, "report", None)
        return report.participants if report else None


class ApplicationOut(Schema):
    id: int
    number: str
    fund: str
    call: int
    title: str
    applicant: str
    # How it came in: online, paper, consultation (typed in by the coordination).
    channel: str
    status: str
    requested_amount: Decimal | None
    approved_amount: Decimal | None
    paid_total: Decimal
    returned_amount: Decimal
    submitted_at: datetime.datetime | None
    decided_at: datetime.datetime | None

    @staticmethod
    def resolve_fund(obj: Application) -> str:
        return obj.call.fund.slug

    @staticmethod
    def resolve_call(obj: Application) -> int:
        return obj.call_id

    @staticmethod
    def resolve_applicant(obj: Application) -> str:
        return obj.applicant_label


class VoteOut(Schema):
    member: str
    choice: str
    comment: str


class ResultOut(Schema):
    yes: int
    no: int
    abstain: int
    quorum_reached: bool
    approved: bool


class ApplicationDetailOut(ApplicationOut):
    what: str
    for_whom: str
    health_benefit: str
    cost_lines: list[dict[str, Any]]
    own_contribution: Decimal
    not_started: bool
    early_start_requested: bool
    early_start: str
    not_funded_elsewhere: bool
    other_funding: str
    rationale: str
    # The jury recommends ("approve"/"reject", empty without one), the
    # municipality decides and says why when it departs from the recommendation.
    recommendation: str
    follows_recommendation: bool | None
    deviation_reason: str
    votes: list[VoteOut] | None = None
    result: ResultOut | None = None

    @staticmethod
    def resolve_votes(obj: Application) -> None:
        return None  # filled in by the view, only for those who may see them

    @staticmethod
    def resolve_result(obj: Application) -> None:
        return None

    @staticmethod
    def resolve_cost_lines(obj: Application) -> list[dict[str, Any]]:
        return [
            {"item": line.item, "amount": str(line.amount)}
            for line in obj.cost_lines.all()
        ]


def _funds(request: HttpRequest, slug: str) -> QuerySet[Fund]:
    municipality = municipality_for(request, slug)
    return Fund.objects.visible_to(request.user, municipality).select_related(
        "neighborhood"
    )


@router.get(
    "/municipalities/{slug}/funds",
    response=list[FundOut],
    auth=read_auth,
    summary="Quartiersfonds einer Kommune",
)
@paginate(Pages)
def fund_list(request: HttpRequest, slug: str) -> QuerySet[Fund]:
    return _funds(request, slug)


@router.get(
    "/municipalities/{slug}/funds/{fund_slug}",
    response={200: FundOut, 404: dict},
    auth=read_auth,
    summary="Ein Quartiersfonds",
)
def fund_detail(request: HttpRequest, slug: str, fund_slug: str) -> Fund:
    municipality_for(request, slug)
    return get_object_for(
        request, Fund.objects.select_related("neighborhood"), slug=fund_slug
    )


@router.get(
    "/municipalities/{slug}/funds/{fund_slug}/calls",
    response={200: list[CallOut], 404: dict},
    auth=read_auth,
    summary="Aufrufe eines Quartiersfonds",
)
@paginate(Pages)
def call_list(request: HttpRequest, slug: str, fund_slug: str) -> QuerySet[Call]:
    municipality_for(request, slug)
    fund = get_object_for(request, Fund.objects.all(), slug=fund_slug)
    return Call.objects.filter(fund=fund).select_related("fund")


@router.get(
    "/municipalities/{slug}/funded-projects",
    response=list[FundedOut],
    auth=read_auth,
    summary="Geförderte Projekte (öffentlich)",
)
@paginate(Pages)
def funded_list(request: HttpRequest, slug: str) -> QuerySet[Application]:
    municipality = municipality_for(request, slug)
    return (
        Application.objects.of(municipality)
        .funded()
        .exclude(call__fund__status=FundStatus.DRAFT)
        .select_related("call__fund", "actor", "neighborhood", "report")
        .order_by("-decided_at", "-id")
    )


@router.get(
    "/municipalities/{slug}/fund-applications",
    response=list[ApplicationOut],
    auth=read_auth,
    summary="Anträge (eigene; Koordination und Vergabebeirat)",
)
@paginate(Pages)
def application_list(
    request: HttpRequest, slug: str, status: str = ""
) -> QuerySet[Application]:
    municipality = municipality_for(request, slug)
    rows = (
        Application.objects.visible_to(request.user, municipality)
        .select_related("call__fund", "applicant", "actor")
        .order_by("-created_at", "-id")
    )
    return rows.filter(status=status) if status else rows


@router.get(
    "/municipalities/{slug}/fund-applications/{pk}",
    response={200: ApplicationDetailOut, 404: dict},
    auth=read_auth,
    summary="Ein Antrag, mit den Voten für wer sie sehen darf",
)
def application_detail(request: HttpRequest, slug: str, pk: Id) -> ApplicationDetailOut:
    municipality_for(request, slug)
    application = get_object_for(
        request,
        Application.objects.select_related("call__fund", "applicant", "actor"),
        pk=pk,
    )
    data = ApplicationDetailOut.from_orm(application)
    if request.user.has_perm("funds.view_votes", application):
        votes = (
            Vote.objects.filter(application=application)
            .exclude(member__conflicts__application=application)
            .select_related("member__user")
        )
        data.votes = [
            VoteOut(
                member=v.member.user.public_name, choice=v.choice, comment=v.comment
            )
            for v in votes
        ]
        result = services.jury_result(application)
        data.result = ResultOut(
            yes=result.yes,
            no=result.no,
            abstain=result.abstain,
            quorum_reached=result.quorum_reached,
            approved=result.approved,
        )
    return data
