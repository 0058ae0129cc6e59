"""API endpoints of the reflections app (mounted at /api/v1/ by quartier.api):
reflections and their adaptations, read-only, for members of the municipality (as
visible as the pages). Errors are JSON: 403 not allowed, 404 unseen."""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja.pagination import paginate

from quartier.core.api import Id, Pages
from quartier.core.api_auth import municipality_for, read_auth
from quartier.core.gate import get_object_for, may_view, require
from quartier.reflections.models import Reflection
from quartier.reflections.text_changes import text_change_context

router = Router(tags=["Reflexionen"])

RELATED = ("municipality", "meeting__forum", "compass_round", "initiative", "fund")


class ReflectionOut(Schema):
    id: int
    title: str
    held_on: datetime.date
    meeting: int | None
    compass_round: int | None
    initiative: int | None
    fund: int | None
    fund_year: int | None
    url: str

    @staticmethod
    def resolve_meeting(obj: Reflection) -> int | None:
        return obj.meeting_id

    @staticmethod
    def resolve_compass_round(obj: Reflection) -> int | None:
        return obj.compass_round_id

    @staticmethod
    def resolve_initiative(obj: Reflection) -> int | None:
        return obj.initiative_id

    @staticmethod
    def resolve_fund(obj: Reflection) -> int | None:
        return obj.fund_id

    @staticmethod
    def resolve_url(obj: Reflection) -> str:
        return obj.get_absolute_url()


class AdaptationOut(Schema):
    decision: int
    text: str
    due_date: datetime.date | None
    decision_status: str
    state: str


class TextChangeOut(Schema):
    text: str = Field(description="z. B. forums.Forum.purpose")
    object_id: str
    object_title: str
    before: str
    after: str
    reason: str
    due_date: datetime.date | None
    decided_at: datetime.datetime | None
    change_state: str = Field(description="proposed, applied oder dropped")
    state: str = Field(description="open, late, done oder dropped")


class ReflectionDetailOut(ReflectionOut):
    what: str
    so_what: str
    now_what: str
    adaptations: list[AdaptationOut]
    text_changes: list[TextChangeOut]

    @staticmethod
    def resolve_adaptations(obj: Reflection) -> list[dict[str, Any]]:
        return obj.visible_adaptations  # type: ignore[attr-defined, no-any-return]

    @staticmethod
    def resolve_text_changes(obj: Reflection) -> list[dict[str, Any]]:
        return obj.visible_text_changes  # type: ignore[attr-defined, no-any-return]


@router.get(
    "/municipalities/{slug}/reflections",
    response=list[ReflectionOut],
    auth=read_auth,
    summary="Reflexionen einer Kommune (für Mitglieder)",
)
@paginate(Pages)
def reflection_list(request: HttpRequest, slug: str) -> QuerySet[Reflection]:
    """Reflexionen, die die anfragende Person sehen darf."""
    municipality = municipality_for(request, slug)
    require(request, "reflections.view_reflection")
    return (
        Reflection.objects.visible_to(request.user, municipality)
        .select_related(*RELATED)
        .order_by("-held_on", "-pk")
    )


@router.get(
    "/municipalities/{slug}/reflections/{reflection_id}",
    response={200: ReflectionDetailOut, 404: dict},
    auth=read_auth,
    summary="Eine Reflexion mit ihren Anpassungen",
)
def reflection_detail(request: HttpRequest, slug: str, reflection_id: Id) -> Reflection:
    """Die drei Schritte und die Anpassungen (Beschlüsse, nur sichtbare) mit ihrem
    Stand: open, late, done oder dropped; dazu die Änderungen an Auftrag, Planung
    oder Regeln (nur zu Objekten, die die Person sehen darf)."""
    municipality_for(request, slug)
    reflection = get_object_for(
        request, Reflection.objects.select_related(*RELATED), pk=reflection_id
    )
    reflection.visible_adaptations = [  # type: ignore[attr-defined]
        {
            "decision": a.decision_id,
            "text": a.decision.text,
            "due_date": a.decision.due_date,
            "decision_status": a.decision.status,
            "state": str(a.state),
        }
        for a in reflection.adaptations.select_related(
            "decision__forum", "decision__municipality"
        )
        if may_view(request.user, a.decision)
    ]
    reflection.visible_text_changes = [  # type: ignore[attr-defined]
        {
            "text": change.key,
            "object_id": change.object_id,
            "object_title": change.object_title,
            "before": change.before,
            "after": change.after,
            "reason": change.reason,
            "due_date": change.due_date,
            "decided_at": change.decided_at,
            "change_state": change.state,
            "state": str(change.state_in_reflection),
        }
        for change, _may_apply in text_change_context(request, reflection)
    ]
    return reflection
