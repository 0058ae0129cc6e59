"""API of role profiles and qualification offers (mounted at /api/v1/ by
quartier.api), read-only and public: holders appear by name only with their
consent, as on the pages."""

from __future__ import annotations

import datetime

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from quartier.core.api import Id, Pages
from quartier.core.api_auth import municipality_for, read_auth
from quartier.core.gate import get_object_for, require
from quartier.roles.models import (
    QualificationOffer,
    RoleProfile,
    competence_key,
    upcoming_first,
)

router = Router(tags=["Rollenprofile"], auth=read_auth)


class RoleProfileOut(Schema):
    id: int
    name: str
    tasks: list[str]
    competences: list[str]
    hours_per_week: float | None = Field(description="ungefährer Zeitbedarf")
    time_note: str
    securing: str = Field(description="job_share, contract, volunteer oder not_secured")
    securing_note: str
    holders: list[str] = Field(
        description="Namen der Personen und Akteure, die zugestimmt haben"
    )
    updated_at: datetime.datetime

    @staticmethod
    def resolve_tasks(obj: RoleProfile) -> list[str]:
        return obj.task_list

    @staticmethod
    def resolve_competences(obj: RoleProfile) -> list[str]:
        return [c.name for c in obj.competences.all()]

    @staticmethod
    def resolve_hours_per_week(obj: RoleProfile) -> float | None:
        return None if obj.hours_per_week is None else float(obj.hours_per_week)

    @staticmethod
    def resolve_holders(obj: RoleProfile) -> list[str]:
        return [h.shown_name for h in obj.holders.all() if h.has_consent]


class QualificationOfferOut(Schema):
    id: int
    title: str
    provider: str
    format: str = Field(description="in_person, online oder hybrid")
    starts_on: datetime.date | None
    ends_on: datetime.date | None
    dates_note: str
    costs: str
    link: str
    competences: list[str]
    shared: bool = Field(description="von der Fachberatung für alle Kommunen")

    @staticmethod
    def resolve_competences(obj: QualificationOffer) -> list[str]:
        return obj.competence_list

    @staticmethod
    def resolve_shared(obj: QualificationOffer) -> bool:
        return obj.is_shared


def _profiles() -> QuerySet[RoleProfile]:
    return RoleProfile.objects.prefetch_related(
        "competences", "holders__user", "holders__actor"
    )


@router.get(
    "/municipalities/{slug}/roles",
    response=list[RoleProfileOut],
    summary="Rollenprofile einer Kommune",
)
@paginate(Pages)
def role_profile_list(request: HttpRequest, slug: str) -> QuerySet[RoleProfile]:
    """Die Rollen der Quartiersarbeit: Aufgaben, Kompetenzen, Zeitbedarf,
    Absicherung und – nur mit deren Zustimmung – wer sie ausfüllt."""
    municipality = municipality_for(request, slug)
    require(request, "core.view_municipality")
    return _profiles().filter(municipality=municipality).order_by("name", "pk")


@router.get(
    "/municipalities/{slug}/roles/{role_id}",
    response=RoleProfileOut,
    summary="Ein Rollenprofil",
)
def role_profile_detail(request: HttpRequest, slug: str, role_id: Id) -> RoleProfile:
    municipality_for(request, slug)
    return get_object_for(request, _profiles(), pk=role_id)


@router.get(
    "/municipalities/{slug}/qualification-offers",
    response=list[QualificationOfferOut],
    summary="Qualifizierungsangebote für eine Kommune",
)
@paginate(Pages)
def qualification_offer_list(
    request: HttpRequest,
    slug: str,
    competence: str = Query("", max_length=120),
) -> list[QualificationOffer]:
    """Eigene Angebote der Kommune und die der Fachberatung für alle, kommende
    zuerst. `competence`: nur Angebote, die diese Kompetenz aufbauen (Groß- und
    Kleinschreibung egal)."""
    municipality = municipality_for(request, slug)
    require(request, "core.view_municipality")
    offers = list(QualificationOffer.objects.for_municipality(municipality))
    if competence.strip():
        key = competence_key(competence)
        offers = [o for o in offers if key in o.competence_keys()]
    return upcoming_first(offers, timezone.localdate())


@router.get(
    "/municipalities/{slug}/qualification-offers/{offer_id}",
    response=QualificationOfferOut,
    summary="Ein Qualifizierungsangebot",
)
def qualification_offer_detail(
    request: HttpRequest, slug: str, offer_id: Id
) -> QualificationOffer:
    municipality = municipality_for(request, slug)
    return get_object_for(
        request, QualificationOffer.objects.for_municipality(municipality), pk=offer_id
    )
