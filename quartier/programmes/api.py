"""API of the programme library (mounted at /api/v1/ by quartier.api), read-only.

A municipality's library is its own programmes (for its members and the advisers it
shares with) and the shared library; the shared library alone is public at
/programmes.
"""

import datetime
from typing import Literal

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from quartier.core.api import Id, Pages
from quartier.core.api_auth import municipality_for, read_auth
from quartier.core.gate import get_object_for, require
from quartier.programmes.models import Programme, ProgrammeElement

router = Router(tags=["Programmbibliothek"], auth=read_auth)


class ElementOut(Schema):
    id: int
    name: str
    description: str
    position: int


class ProgrammeOut(Schema):
    id: int
    name: str
    source: str
    summary: str
    evidence_level: str
    target_groups: list[str]
    links: list[str]
    shared: bool = Field(description="Teil der gemeinsamen Bibliothek der Fachberatung")
    municipality: str | None = Field(description="Slug der Kommune; leer: gemeinsam")
    copied_from: int | None = Field(description="Id des Programms, aus dem kopiert")
    core_elements: list[ElementOut] = Field(description="dürfen nicht verändert werden")
    adaptable_elements: list[ElementOut]
    created_at: datetime.datetime
    updated_at: datetime.datetime

    @staticmethod
    def resolve_target_groups(obj: Programme) -> list[str]:
        return obj.target_group_list

    @staticmethod
    def resolve_links(obj: Programme) -> list[str]:
        return obj.link_list

    @staticmethod
    def resolve_shared(obj: Programme) -> bool:
        return obj.is_shared

    @staticmethod
    def resolve_municipality(obj: Programme) -> str | None:
        return obj.municipality.slug if obj.municipality else None

    @staticmethod
    def resolve_copied_from(obj: Programme) -> int | None:
        return obj.copied_from_id

    @staticmethod
    def resolve_core_elements(obj: Programme) -> list[ProgrammeElement]:
        return obj.core_elements()

    @staticmethod
    def resolve_adaptable_elements(obj: Programme) -> list[ProgrammeElement]:
        return obj.adaptable_elements()


class SharedProgrammeOut(ProgrammeOut):
    """A programme of the shared library (its own name, so that the two paged
    lists do not share a schema name in the OpenAPI document)."""


def _with_elements(programmes: QuerySet[Programme]) -> QuerySet[Programme]:
    return programmes.select_related("municipality").prefetch_related("elements")


@router.get(
    "/municipalities/{slug}/programmes",
    response=list[ProgrammeOut],
    summary="Programmbibliothek einer Kommune",
)
@paginate(Pages)
def programme_list(
    request: HttpRequest,
    slug: str,
    scope: Literal["own", "shared"] | None = None,
    target_group: str = Query("", max_length=200),
    evidence: str = Query("", max_length=300),
    q: str = Query("", max_length=100),
) -> QuerySet[Programme]:
    """Eigene Programme (für Mitglieder der Kommune und die Fachberatung) und die
    gemeinsame Bibliothek. Filter: `scope` (own/shared), `target_group` (eine
    Zielgruppe, genau), `evidence` (Evidenzgrad, genau), `q` (Wörter in Name,
    Beschreibung, Quelle)."""
    municipality = municipality_for(request, slug)
    require(request, "core.view_municipality")
    found = Programme.objects.visible_to(request.user, municipality).matching(
        scope=scope or "", target_group=target_group, evidence=evidence, q=q
    )
    return _with_elements(found).order_by("name", "pk")


@router.get(
    "/municipalities/{slug}/programmes/{programme_id}",
    response=ProgrammeOut,
    summary="Ein Programm der Bibliothek einer Kommune",
)
def programme_detail(request: HttpRequest, slug: str, programme_id: Id) -> Programme:
    municipality = municipality_for(request, slug)
    return get_object_for(
        request,
        _with_elements(Programme.objects.library_of(municipality)),
        pk=programme_id,
    )


@router.get(
    "/programmes",
    response=list[SharedProgrammeOut],
    summary="Gemeinsame Programmbibliothek der Fachberatung",
)
@paginate(Pages)
def shared_programme_list(
    request: HttpRequest,
    target_group: str = Query("", max_length=200),
    evidence: str = Query("", max_length=300),
    q: str = Query("", max_length=100),
) -> QuerySet[Programme]:
    """Die Programme, die die Fachberatung für alle Kommunen beschreibt (öffentlich)."""
    found = Programme.objects.shared().matching(
        target_group=target_group, evidence=evidence, q=q
    )
    return _with_elements(found).order_by("name", "pk")


@router.get(
    "/programmes/{programme_id}",
    response=SharedProgrammeOut,
    summary="Ein Programm der gemeinsamen Bibliothek",
)
def shared_programme_detail(request: HttpRequest, programme_id: Id) -> Programme:
    return get_object_for(
        request, _with_elements(Programme.objects.shared()), pk=programme_id
    )
