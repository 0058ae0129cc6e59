"""API endpoints of the actors app: actors and the ties between them.

Reads: session or token; internal actors and ties only for members of the
municipality and opted-in advisers. Tie lists hold confirmed ties only (both sides
agreed, or the coordination recorded them). Writes: token only, through
quartier.actors.services: coordinators and admins of the municipality; the members of
an actor change its profile and propose ties from it.
"""

import datetime
from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from quartier.actors import services
from quartier.actors.models import (
    Actor,
    ActorKind,
    Intensity,
    Sector,
    Tie,
    TieKind,
    Visibility,
    with_labels,
)
from quartier.core.api import Id, NeighborhoodRef, Pages
from quartier.core.api_auth import field_error, municipality_for, read_auth, token_auth
from quartier.core.gate import get_object_for, require
from quartier.core.models import Municipality, Neighborhood

router = Router(tags=["Akteure"])

WRITE_RESPONSES = {401: dict, 403: dict, 404: dict, 422: dict}


class LabelledActorPages(Pages):
    """Pages of actors with their sectors and neighbourhoods attached in bulk."""

    def paginate_queryset(
        self, queryset: Any, pagination: Any, request: Any, **params: Any
    ) -> Any:
        result = super().paginate_queryset(queryset, pagination, request, **params)
        result[self.items_attribute] = with_labels(result[self.items_attribute])
        return result


# --- Schemas -------------------------------------------------------------------


class SectorOut(Schema):
    code: str
    name: str

    @staticmethod
    def resolve_name(obj: Sector) -> str:
        return str(obj)


class ActorRef(Schema):
    id: int
    name: str


class ActorOut(Schema):
    id: int
    kind: str
    name: str
    description: str = Field(description="Bereinigtes HTML")
    sectors: list[SectorOut]
    neighborhoods: list[NeighborhoodRef]
    website: str
    email: str
    phone: str
    address: str
    visibility: str
    archived_at: datetime.datetime | None
    created_at: datetime.datetime
    updated_at: datetime.datetime
    url: str

    @staticmethod
    def resolve_sectors(obj: Actor) -> Any:
        # Lists attach them in bulk (with_labels); a single actor asks its relation.
        if hasattr(obj, "sector_list"):
            return obj.sector_list
        return obj.sectors.all()

    @staticmethod
    def resolve_neighborhoods(obj: Actor) -> Any:
        if hasattr(obj, "neighborhood_list"):
            return obj.neighborhood_list
        return obj.neighborhoods.all()

    @staticmethod
    def resolve_url(obj: Actor, context: dict[str, Any]) -> str:
        # Built from the request's municipality: no query per actor.
        slug = context["request"].municipality.slug
        return reverse(
            "actors:detail", kwargs={"municipality_slug": slug, "pk": obj.pk}
        )


class ActorIn(Schema):
    kind: ActorKind
    name: str = Field(min_length=1, max_length=200)
    description: str = ""
    sectors: list[str] = Field(description="Codes der Sektoren, mindestens einer")
    neighborhoods: list[str] = Field(
        default_factory=list, description="Kurznamen (slug) der Quartiere"
    )
    website: str = ""
    email: str = ""
    phone: str = ""
    address: str = ""
    visibility: Visibility = Visibility.PUBLIC


class ActorPatch(Schema):
    """Only the fields sent are changed."""

    kind: ActorKind | None = None
    name: str | None = Field(None, min_length=1, max_length=200)
    description: str | None = None
    sectors: list[str] | None = None
    neighborhoods: list[str] | None = None
    website: str | None = None
    email: str | None = None
    phone: str | None = None
    address: str | None = None
    visibility: Visibility | None = None


class TieOut(Schema):
    id: int
    source: ActorRef
    target: ActorRef
    kind: str
    intensity: int = Field(
        description="1 Bekanntschaft, 2 Kooperation, 3 Koordination, 4 Integration"
    )
    since: datetime.date | None
    note: str
    status: str = Field(
        description="proposed (wartet auf Bestätigung), active (bestätigt), "
        "declined (abgelehnt), ended (beendet)"
    )
    recorded_by_coordination: bool = Field(
        description="von der Koordination erfasst statt von beiden Seiten bestätigt"
    )
    confirmed_at: datetime.datetime | None
    ended_at: datetime.datetime | None
    archived_at: datetime.datetime | None
    created_at: datetime.datetime


class TieIn(Schema):
    source: Id = Field(description="id der einen Akteurin")
    target: Id = Field(description="id der anderen Akteurin")
    kind: TieKind
    intensity: Intensity = Intensity.ACQUAINTANCE
    since: datetime.date | None = None
    note: str = ""


class TiePatch(Schema):
    """Only the fields sent are changed; the two actors of a tie stay."""

    kind: TieKind | None = None
    intensity: Intensity | None = None
    since: datetime.date | None = None
    note: str | None = None


# --- Helpers -------------------------------------------------------------------


def _actors(qs: QuerySet[Actor] | None = None) -> QuerySet[Actor]:
    """Actors with what ActorOut shows, in a constant number of queries."""
    qs = Actor.objects.all() if qs is None else qs
    return qs.prefetch_related(
        Prefetch("sectors", queryset=Sector.objects.all()),
        Prefetch(
            "neighborhoods", queryset=Neighborhood.objects.only("id", "slug", "name")
        ),
    )


def _ties(qs: QuerySet[Tie] | None = None) -> QuerySet[Tie]:
    """Ties with their two actors in the same query."""
    qs = Tie.objects.all() if qs is None else qs
    return qs.select_related("source", "target").defer(
        "source__description", "target__description"
    )


def _sectors(codes: list[str]) -> list[Sector]:
    found = {s.code: s for s in Sector.objects.filter(code__in=codes)}
    unknown = sorted(set(codes) - set(found))
    if unknown:
        raise field_error("sectors", _("Unknown sector: %s") % ", ".join(unknown))
    return list(found.values())


def _neighborhoods(municipality: Municipality, slugs: list[str]) -> list[Neighborhood]:
    found = {
        n.slug: n for n in Neighborhood.objects.of(municipality).filter(slug__in=slugs)
    }
    unknown = sorted(set(slugs) - set(found))
    if unknown:
        raise field_error(
            "neighborhoods",
            _("No neighbourhood of this municipality has the slug: %s")
            % ", ".join(unknown),
        )
    return list(found.values())


def _tie_actor(
    request: HttpRequest, municipality: Municipality, pk: int, field: str
) -> Actor:
    actor = (
        Actor.objects.visible_to(request.user, municipality)
        .active()
        .filter(pk=pk)
        .first()
    )
    if actor is None:
        raise field_error(
            field, _("There is no active actor with id %s in this municipality.") % pk
        )
    return actor


def _actor_fields(data: dict[str, Any], municipality: Municipality) -> dict[str, Any]:
    """Turn codes and slugs of the request body into objects for actor_save."""
    if data.get("sectors") is not None:
        data["sectors"] = _sectors(data["sectors"])
    elif "sectors" in data:
        data["sectors"] = []  # null: the service says at least one is needed
    if data.get("neighborhoods") is not None:
        data["neighborhoods"] = _neighborhoods(municipality, data["neighborhoods"])
    elif "neighborhoods" in data:
        data["neighborhoods"] = []
    return data


# --- Actors --------------------------------------------------------------------


@router.get(
    "/municipalities/{slug}/actors",
    response=list[ActorOut],
    auth=read_auth,
    summary="Akteure einer Kommune",
)
@paginate(LabelledActorPages)
def actor_list(
    request: HttpRequest,
    slug: str,
    q: str = "",
    sector: str = "",
    neighborhood: str = "",
    kind: ActorKind | None = None,
    archived: bool = False,
) -> QuerySet[Actor]:
    """Suche (`q`) in Name und Beschreibung; Filter nach Sektor-Code, Quartier (slug)
    und Art. Archivierte Akteure nur mit `archived=true` und nur für die Koordination."""
    municipality = municipality_for(request, slug)
    require(request, "core.view_municipality")
    actors = Actor.objects.visible_to(request.user, municipality)
    if not (archived and request.user.has_perm("actors.change_actor", municipality)):
        actors = actors.active()
    actors = actors.search(q[:100])
    if sector:
        actors = actors.filter(sectors__code=sector)
    if neighborhood:
        actors = actors.filter(neighborhoods__slug=neighborhood)
    if kind:
        actors = actors.filter(kind=kind)
    return actors.order_by("name", "pk")


@router.get(
    "/municipalities/{slug}/actors/{actor_id}",
    response={200: ActorOut, 404: dict},
    auth=read_auth,
    summary="Eine Akteurin",
)
def actor_detail(request: HttpRequest, slug: str, actor_id: Id) -> Actor:
    municipality_for(request, slug)
    return get_object_for(request, _actors(), pk=actor_id)


@router.post(
    "/municipalities/{slug}/actors",
    response={201: ActorOut, **WRITE_RESPONSES},
    auth=token_auth,
    summary="Akteurin anlegen (Token, Koordination)",
)
def actor_create(request: HttpRequest, slug: str, payload: ActorIn) -> Status[Actor]:
    municipality = municipality_for(request, slug)
    require(request, "actors.add_actor")
    data = _actor_fields(payload.dict(), municipality)
    actor = services.actor_save(by=request.user, municipality=municipality, **data)
    return Status(201, _actors().get(pk=actor.pk))


@router.patch(
    "/municipalities/{slug}/actors/{actor_id}",
    response={200: ActorOut, **WRITE_RESPONSES},
    auth=token_auth,
    summary="Akteurin ändern (Token, Koordination; Profil auch ihre Mitglieder)",
)
def actor_update(
    request: HttpRequest, slug: str, actor_id: Id, payload: ActorPatch
) -> Actor:
    municipality = municipality_for(request, slug)
    actor = get_object_for(
        request, Actor.objects.all(), "actors.change_actor", pk=actor_id
    )
    data = _actor_fields(payload.dict(exclude_unset=True), municipality)
    services.actor_save(by=request.user, municipality=municipality, actor=actor, **data)
    return _actors().get(pk=actor.pk)


@router.post(
    "/municipalities/{slug}/actors/{actor_id}/archive",
    response={200: ActorOut, **WRITE_RESPONSES},
    auth=token_auth,
    summary="Akteurin archivieren oder wiederherstellen (Token, Koordination)",
)
def actor_archive(
    request: HttpRequest, slug: str, actor_id: Id, restore: bool = False
) -> Actor:
    """Archiviert die Akteurin; mit `?restore=true` wird sie wiederhergestellt."""
    municipality_for(request, slug)
    actor = get_object_for(
        request, Actor.objects.all(), "actors.archive_actor", pk=actor_id
    )
    services.actor_archive(by=request.user, actor=actor, archived=not restore)
    return _actors().get(pk=actor.pk)


# --- Ties ----------------------------------------------------------------------


@router.get(
    "/municipalities/{slug}/ties",
    response=list[TieOut],
    auth=read_auth,
    summary="Beziehungen zwischen Akteuren",
)
@paginate(Pages)
def tie_list(
    request: HttpRequest,
    slug: str,
    actor: Id | None = None,
    archived: bool = False,
) -> QuerySet[Tie]:
    """Nur bestätigte Beziehungen (beide Seiten oder die Koordination). Mit
    `actor=<id>` nur die Beziehungen dieser Akteurin. Vorgeschlagene, abgelehnte,
    beendete und archivierte nur mit `archived=true` und nur für die Koordination."""
    municipality = municipality_for(request, slug)
    require(request, "core.view_municipality")
    ties = Tie.objects.visible_to(request.user, municipality)
    if not (archived and request.user.has_perm("actors.change_tie", municipality)):
        ties = ties.active()
    if actor is not None:
        ties = ties.filter(Q(source_id=actor) | Q(target_id=actor))
    return _ties(ties).order_by("-intensity", "pk")


@router.get(
    "/municipalities/{slug}/ties/{tie_id}",
    response={200: TieOut, 404: dict},
    auth=read_auth,
    summary="Eine Beziehung",
)
def tie_detail(request: HttpRequest, slug: str, tie_id: Id) -> Tie:
    municipality_for(request, slug)
    return get_object_for(request, _ties(), pk=tie_id)


@router.post(
    "/municipalities/{slug}/ties",
    response={201: TieOut, **WRITE_RESPONSES},
    auth=token_auth,
    summary="Beziehung erfassen (Koordination) oder vorschlagen (Mitglied der "
    "Akteurin `source`), Token",
)
def tie_create(request: HttpRequest, slug: str, payload: TieIn) -> Status[Tie]:
    """Die Koordination erfasst eine Beziehung, die sofort gilt. Ein Mitglied der
    Akteurin `source` schlägt sie vor (`status` proposed); sie gilt, wenn ein
    Mitglied von `target` sie bestätigt."""
    municipality = municipality_for(request, slug)
    records = request.user.has_perm("actors.add_tie", municipality)
    if not records:
        require(request, "core.view_municipality")
    data = payload.dict()
    source = _tie_actor(request, municipality, data.pop("source"), "source")
    target = _tie_actor(request, municipality, data.pop("target"), "target")
    if records:
        tie = services.tie_save(
            by=request.user,
            municipality=municipality,
            source=source,
            target=target,
            **data,
        )
    else:
        require(request, "actors.propose_tie", source)
        tie = services.tie_propose(
            by=request.user, source=source, target=target, **data
        )
    return Status(201, _ties().get(pk=tie.pk))


@router.patch(
    "/municipalities/{slug}/ties/{tie_id}",
    response={200: TieOut, **WRITE_RESPONSES},
    auth=token_auth,
    summary="Beziehung ändern (Token, Koordination)",
)
def tie_update(request: HttpRequest, slug: str, tie_id: Id, payload: TiePatch) -> Tie:
    municipality = municipality_for(request, slug)
    tie = get_object_for(request, _ties(), "actors.change_tie", pk=tie_id)
    services.tie_save(
        by=request.user,
        municipality=municipality,
        tie=tie,
        **payload.dict(exclude_unset=True),
    )
    return _ties().get(pk=tie.pk)


@router.post(
    "/municipalities/{slug}/ties/{tie_id}/archive",
    response={200: TieOut, **WRITE_RESPONSES},
    auth=token_auth,
    summary="Beziehung archivieren oder wiederherstellen (Token, Koordination)",
)
def tie_archive(
    request: HttpRequest, slug: str, tie_id: Id, restore: bool = False
) -> Tie:
    """Archiviert die Beziehung; mit `?restore=true` wird sie wiederhergestellt."""
    municipality_for(request, slug)
    tie = get_object_for(request, _ties(), "actors.archive_tie", pk=tie_id)
    services.tie_archive(by=request.user, tie=tie, archived=not restore)
    return _ties().get(pk=tie.pk)
