"""API endpoints of the initiatives app (mounted at /api/v1/ by quartier.api).

Reads follow the pages: public initiatives for everybody, members-only ones for
members, internal ones for the coordination and those involved. Links are listed
per kind with the ids the reader may see (core/object_links.visible_links).
Writes need a personal API token with the rights of its owner: the coordination
creates; the coordination and the people involved edit, change the phase and link.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from quartier.actors.models import Actor
from quartier.core.api import Id, Pages
from quartier.core.api_auth import field_error, municipality_for, read_auth, token_auth
from quartier.core.gate import get_object_for, require
from quartier.core.object_links import visible_links
from quartier.initiatives import services
from quartier.initiatives.links import TARGETS_BY_KEY
from quartier.initiatives.models import Initiative, InitiativeVisibility, Phase

router = Router(tags=["Vorhaben"])

WRITE_RESPONSES = {401: dict, 403: dict, 404: dict, 422: dict}


class PhaseChangeOut(Schema):
    old_phase: str
    new_phase: str
    changed_on: datetime.date
    comment: str


class InitiativeOut(Schema):
    id: int
    title: str
    summary: str
    phase: str = Field(
        description="idea, concept, pilot, implementation, consolidation, ended"
    )
    phase_since: datetime.date
    visibility: str
    lead_actor: int | None = Field(None, alias="lead_actor_id")
    neighborhoods: list[str]
    starts_on: datetime.date | None
    planned_end_on: datetime.date | None
    url: str

    @staticmethod
    def resolve_neighborhoods(obj: Initiative) -> list[str]:
        return [n.slug for n in obj.neighborhoods.all()]

    @staticmethod
    def resolve_url(obj: Initiative) -> str:
        return obj.get_absolute_url()


class InitiativeDetailOut(InitiativeOut):
    description: str
    end_reason: str
    phases: list[PhaseChangeOut]
    links: dict[str, list[str | int]] = Field(
        description="Je Art der Verknüpfung die ids der sichtbaren Objekte"
    )

    @staticmethod
    def resolve_phases(obj: Initiative) -> Any:
        return obj.phase_changes.all()

    @staticmethod
    def resolve_links(obj: Initiative, context: Any) -> dict[str, list[Any]]:
        user = context["request"].user
        return {
            group.key: [
                str(link.obj.pk) if not isinstance(link.obj.pk, int) else link.obj.pk
                for link in group.links
            ]
            for group in visible_links(user, obj)
        }


class InitiativeIn(Schema):
    title: str = Field(min_length=1, max_length=200)
    summary: str = Field(min_length=1, max_length=800)
    description: str = ""
    lead_actor: int | None = None
    visibility: InitiativeVisibility = InitiativeVisibility.PUBLIC
    starts_on: datetime.date | None = None
    planned_end_on: datetime.date | None = None


class InitiativePatch(Schema):
    title: str | None = Field(None, min_length=1, max_length=200)
    summary: str | None = Field(None, min_length=1, max_length=800)
    description: str | None = None
    visibility: InitiativeVisibility | None = None
    starts_on: datetime.date | None = None
    planned_end_on: datetime.date | None = None


class PhaseIn(Schema):
    to: Phase
    comment: str = ""
    reason: str = Field("", description="Pflicht, wenn die Checkliste offen ist")
    changed_on: datetime.date | None = None


class LinkIn(Schema):
    kind: str = Field(description="z. B. initiatives.contribution")
    target: str = Field(min_length=1, max_length=40, description="id des Objekts")


class LinkOut(Schema):
    id: int
    kind: str
    target: str = Field(alias="object_id")


def _initiatives(request: HttpRequest, slug: str) -> QuerySet[Initiative]:
    municipality = municipality_for(request, slug)
    require(request, "core.view_municipality")
    return (
        Initiative.objects.visible_to(request.user, municipality)
        .select_related("municipality")
        .prefetch_related("neighborhoods")
    )


def _one(
    request: HttpRequest, slug: str, pk: int, perm: str | None = None
) -> Initiative:
    return get_object_for(
        request,
        Initiative.objects.filter(municipality=municipality_for(request, slug))
        .select_related("municipality")
        .prefetch_related("neighborhoods", "phase_changes"),
        perm,
        pk=pk,
    )


def _lead(municipality: Any, pk: int | None) -> Actor | None:
    if pk is None:
        return None
    actor = Actor.objects.of(municipality).filter(pk=pk).first()
    if actor is None:
        raise field_error("lead_actor", "Unbekannte Organisation.")
    return actor


@router.get(
    "/municipalities/{slug}/initiatives",
    response=list[InitiativeOut],
    auth=read_auth,
    summary="Vorhaben einer Kommune",
)
@paginate(Pages)
def initiative_list(
    request: HttpRequest, slug: str, phase: str = ""
) -> QuerySet[Initiative]:
    """Die Vorhaben, die Sie sehen dürfen, nach Titel; `phase` filtert (idea,
    concept, pilot, implementation, consolidation, ended)."""
    initiatives = _initiatives(request, slug)
    if phase and phase not in Phase.values:
        raise field_error("phase", "Unbekannte Phase: " + ", ".join(Phase.values))
    if phase:
        initiatives = initiatives.filter(phase=phase)
    return initiatives.order_by("title", "pk")


@router.get(
    "/municipalities/{slug}/initiatives/{initiative_id}",
    response=InitiativeDetailOut,
    auth=read_auth,
    summary="Ein Vorhaben mit Phasen und Verknüpfungen",
)
def initiative_detail(request: HttpRequest, slug: str, initiative_id: Id) -> Initiative:
    return _one(request, slug, initiative_id)


@router.post(
    "/municipalities/{slug}/initiatives",
    response={201: InitiativeDetailOut, **WRITE_RESPONSES},
    auth=token_auth,
    summary="Vorhaben anlegen (Token)",
)
def initiative_create(
    request: HttpRequest, slug: str, payload: InitiativeIn
) -> Status[Initiative]:
    municipality = municipality_for(request, slug)
    require(request, "initiatives.add_initiative")
    data = payload.dict()
    data["lead_actor"] = _lead(municipality, data.get("lead_actor"))
    initiative = services.initiative_create(
        by=request.user, municipality=municipality, **data
    )
    return Status(201, _one(request, slug, initiative.pk))


@router.patch(
    "/municipalities/{slug}/initiatives/{initiative_id}",
    response={200: InitiativeDetailOut, **WRITE_RESPONSES},
    auth=token_auth,
    summary="Vorhaben ändern (Token)",
)
def initiative_update(
    request: HttpRequest, slug: str, initiative_id: Id, payload: InitiativePatch
) -> Initiative:
    initiative = _one(request, slug, initiative_id, "initiatives.change_initiative")
    data = payload.dict(exclude_unset=True)
    services.initiative_update(by=request.user, initiative=initiative, **data)
    return _one(request, slug, initiative_id)


@router.post(
    "/municipalities/{slug}/initiatives/{initiative_id}/phase",
    response={200: InitiativeDetailOut, **WRITE_RESPONSES},
    auth=token_auth,
    summary="Phase wechseln (Token)",
)
def initiative_phase(
    request: HttpRequest, slug: str, initiative_id: Id, payload: PhaseIn
) -> Initiative:
    """Nächste Phase, eine frühere oder „ended“ (mit `comment`). Offene Punkte der
    Checkliste verlangen `reason`; Verstetigung verlangt ein Lernergebnis."""
    initiative = _one(request, slug, initiative_id, "initiatives.change_phase")
    services.phase_change(
        by=request.user,
        initiative=initiative,
        to=payload.to,
        comment=payload.comment,
        reason=payload.reason,
        changed_on=payload.changed_on,
    )
    return _one(request, slug, initiative_id)


@router.post(
    "/municipalities/{slug}/initiatives/{initiative_id}/links",
    response={201: LinkOut, **WRITE_RESPONSES},
    auth=token_auth,
    summary="Objekt verknüpfen (Token)",
)
def link_create(
    request: HttpRequest, slug: str, initiative_id: Id, payload: LinkIn
) -> Status[Any]:
    """Nur Objekte derselben Kommune, die Sie sehen und selbst bearbeiten dürfen."""
    from quartier.core.object_links import link_choices

    initiative = _one(request, slug, initiative_id, "initiatives.link_initiative")
    if payload.kind not in TARGETS_BY_KEY:
        raise field_error("kind", "Unbekannte Art: " + ", ".join(TARGETS_BY_KEY))
    try:
        target = (
            link_choices(request.user, initiative.municipality, payload.kind)
            .filter(pk=payload.target)
            .first()
        )
    except (ValueError, TypeError, ValidationError):  # an id of the wrong shape
        target = None
    if target is None:
        raise field_error("target", "Unbekanntes oder nicht sichtbares Objekt.")
    link = services.link_add(
        by=request.user, initiative=initiative, key=payload.kind, target=target
    )
    return Status(201, link)
