"""API endpoints of the participation app (mounted at /api/v1/ by quartier.api).

Reads: the contributions everybody sees (approved, not hidden by reports), per
municipality. Create: anonymously, like the web form, rate-limited per address and
per e-mail address. Status and answer: token of a coordinator.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import paginate

from quartier.core import ratelimit
from quartier.core.api import Id, Pages
from quartier.core.api_auth import (
    field_error,
    guest_write_auth,
    municipality_for,
    read_auth,
    token_auth,
)
from quartier.core.gate import get_object_for, require
from quartier.core.models import Neighborhood
from quartier.core.object_links import visible_targets
from quartier.participation import services
from quartier.participation.links import AGENDA_ITEM, DECISION
from quartier.participation.models import Contribution, Kind, Language, Topic
from quartier.participation.models import Status as St

router = Router(tags=["Beteiligung"])

WRITE_RESPONSES = {401: dict, 403: dict, 404: dict, 422: dict, 429: dict}


class ContributionOut(Schema):
    id: int
    kind: str = Field(description="idea, concern, question oder experience")
    title: str
    text: str
    neighborhood: str = Field(description="slug des Quartiers")
    latitude: float | None
    longitude: float | None
    address: str
    topics: list[str]
    language: str
    channel: str = Field(description="online, paper, phone oder in_person")
    status: str = Field(
        description="received, in_review, taken_up, implemented oder not_feasible"
    )
    supporters: int
    answered_at: datetime.datetime | None
    created_at: datetime.datetime
    url: str

    @staticmethod
    def resolve_neighborhood(obj: Contribution) -> str:
        return obj.neighborhood.slug

    @staticmethod
    def resolve_latitude(obj: Contribution) -> float | None:
        return float(obj.latitude) if obj.latitude is not None else None

    @staticmethod
    def resolve_longitude(obj: Contribution) -> float | None:
        return float(obj.longitude) if obj.longitude is not None else None

    @staticmethod
    def resolve_topics(obj: Contribution) -> list[str]:
        return [t.slug for t in obj.topics.all()]

    @staticmethod
    def resolve_supporters(obj: Contribution) -> int:
        return int(obj.support_count)

    @staticmethod
    def resolve_url(obj: Contribution) -> str:
        return obj.get_absolute_url()


class AnswerOut(Schema):
    text: str = Field(description="Bereinigtes HTML")
    created_at: datetime.datetime


class ContributionStatusChangeOut(Schema):
    old_status: str
    new_status: str
    reason: str
    changed_at: datetime.datetime


class ContributionDetailOut(ContributionOut):
    answers: list[AnswerOut]
    status_history: list[ContributionStatusChangeOut]
    agenda_item: int | None
    decision: int | None

    @staticmethod
    def resolve_answers(obj: Contribution) -> Any:
        return obj.responses.all()

    @staticmethod
    def resolve_status_history(obj: Contribution) -> Any:
        return obj.status_changes.all()

    # Linked objects through the one registry: shown only when the caller may see
    # them (core/object_links.py).
    @staticmethod
    def resolve_agenda_item(obj: Contribution, context: dict[str, Any]) -> int | None:
        found = visible_targets(context["request"].user, obj, AGENDA_ITEM)
        return found[0].pk if found else None

    @staticmethod
    def resolve_decision(obj: Contribution, context: dict[str, Any]) -> int | None:
        found = visible_targets(context["request"].user, obj, DECISION)
        return found[0].pk if found else None


class ContributionIn(Schema):
    kind: Kind
    title: str = Field(min_length=1, max_length=200)
    text: str = Field(min_length=1, max_length=5000)
    neighborhood: str = Field(description="slug des Quartiers")
    address: str = Field("", max_length=200)
    latitude: Decimal | None = Field(None, ge=-90, le=90, decimal_places=6)
    longitude: Decimal | None = Field(None, ge=-180, le=180, decimal_places=6)
    topics: list[str] = Field(default_factory=list, description="slugs der Themen")
    language: Language = Language.DE
    author_name: str = Field("", max_length=120)
    author_email: str = Field(
        "", max_length=254, description="Optional; bekommt eine Bestätigungs-Mail"
    )


class RespondIn(Schema):
    status: St | None = None
    reason: str = ""
    answer: str = Field("", description="Öffentliche Rückmeldung (HTML wird bereinigt)")


def _contributions() -> QuerySet[Contribution]:
    return Contribution.objects.select_related(
        "neighborhood", "municipality"
    ).prefetch_related("topics")


@router.get(
    "/municipalities/{slug}/contributions",
    response=list[ContributionOut],
    auth=read_auth,
    summary="Beiträge (Ideen, Anliegen, Fragen, Erfahrungen)",
)
@paginate(Pages)
def contribution_list(
    request: HttpRequest,
    slug: str,
    kind: str = "",
    status: str = "",
    neighborhood: str = "",
) -> QuerySet[Contribution]:
    """Die öffentlichen Beiträge, neueste zuerst. Filter: `kind`, `status`,
    `neighborhood` (slug)."""
    municipality = municipality_for(request, slug)
    require(request, "core.view_municipality")
    rows = _contributions().of(municipality).public()
    if kind:
        rows = rows.filter(kind=kind)
    if status:
        rows = rows.filter(status=status)
    if neighborhood:
        rows = rows.filter(neighborhood__slug=neighborhood)
    return rows.order_by("-created_at", "-id")


@router.get(
    "/municipalities/{slug}/contributions/{contribution_id}",
    response={200: ContributionDetailOut, 404: dict},
    auth=read_auth,
    summary="Ein Beitrag mit Rückmeldungen und Statusverlauf",
)
def contribution_detail(
    request: HttpRequest, slug: str, contribution_id: Id
) -> Contribution:
    municipality_for(request, slug)
    return get_object_for(request, _contributions(), pk=contribution_id)


@router.post(
    "/municipalities/{slug}/contributions",
    response={201: ContributionDetailOut, **WRITE_RESPONSES},
    auth=guest_write_auth,
    summary="Beitrag einreichen (ohne Konto; begrenzt je Adresse und E-Mail)",
)
def contribution_create(
    request: HttpRequest, slug: str, payload: ContributionIn
) -> Status[Contribution]:
    municipality = municipality_for(request, slug)
    data = payload.dict()
    email = (data.get("author_email") or "").strip().lower()
    if email:
        from django.core.validators import validate_email

        try:
            validate_email(email)
        except Exception:  # noqa: BLE001 - any invalid address is the same 422
            raise field_error(
                "author_email", _("Enter a valid email address.")
            ) from None
    limited = not ratelimit.allow_anonymous(
        request,
        "participation.contribution",
        limit=settings.PARTICIPATION_RATE_LIMIT_IP,
    ) or (
        email
        and not ratelimit.hit(
            "participation.email",
            email,
            limit=settings.PARTICIPATION_RATE_LIMIT_EMAIL,
            period=3600,
        )
    )
    if limited:
        raise HttpError(429, _("Too many contributions from here. Please try later."))
    area = (
        Neighborhood.objects.of(municipality).filter(slug=data["neighborhood"]).first()
    )
    if area is None:
        raise field_error("neighborhood", _("There is no such neighbourhood here."))
    # Residents choose plain topics; the layers are the coordination's analysis tag.
    topics = list(
        Topic.objects.of(municipality).plain().filter(slug__in=data["topics"])
    )
    if len(topics) != len(set(data["topics"])):
        raise field_error("topics", _("Unknown topic."))
    contribution = services.contribution_create(
        by=request.user,
        municipality=municipality,
        kind=str(data["kind"]),
        title=data["title"],
        text=data["text"],
        neighborhood=area,
        topics=topics,
        language=str(data["language"]),
        latitude=data["latitude"],
        longitude=data["longitude"],
        address=data["address"],
        author_name=data["author_name"],
        author_email=email,
    )
    return Status(201, _contributions().get(pk=contribution.pk))


@router.post(
    "/municipalities/{slug}/contributions/{contribution_id}/respond",
    response={200: ContributionDetailOut, **WRITE_RESPONSES},
    auth=token_auth,
    summary="Status ändern und/oder Rückmeldung geben (Token, Koordination)",
)
def contribution_respond(
    request: HttpRequest, slug: str, contribution_id: Id, payload: RespondIn
) -> Contribution:
    municipality_for(request, slug)
    contribution = get_object_for(
        request,
        _contributions(),
        "participation.respond_contribution",
        pk=contribution_id,
    )
    data = payload.dict()
    services.contribution_respond(
        by=request.user,
        contribution=contribution,
        status=str(data["status"]) if data["status"] else None,
        reason=data["reason"],
        answer=data["answer"],
    )
    return _contributions().get(pk=contribution.pk)
