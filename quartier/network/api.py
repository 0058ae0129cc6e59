"""API of the network analysis (mounted at /api/v1/ by quartier.api), read-only
and for coordinators: the measures of each stored snapshot."""

import datetime

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja.pagination import paginate

from quartier.core.api import Id, Pages
from quartier.core.api_auth import municipality_for, read_auth
from quartier.core.gate import get_object_for, require
from quartier.network.models import Snapshot

router = Router(tags=["Netzwerkanalyse"], auth=read_auth)


class SnapshotOut(Schema):
    id: int
    taken_on: datetime.date
    sources: list[str] = Field(description="ties, forums, meetings, initiatives, funds")
    automatic: bool
    measures: dict = Field(
        description="actors, ties, density, components, average_degree, "
        "degree_centralization, ei_index, ei_by_sector, bridging_share, "
        "betweenness_exact"
    )


@router.get(
    "/municipalities/{slug}/network/snapshots",
    response=list[SnapshotOut],
    summary="Kennzahlen der Momentaufnahmen des Netzwerks",
)
@paginate(Pages)
def snapshot_list(request: HttpRequest, slug: str) -> QuerySet[Snapshot]:
    """Die Momentaufnahmen mit ihren Kennzahlen, die neueste zuerst (Koordination)."""
    municipality = municipality_for(request, slug)
    require(request, "network.analyse_network")
    return Snapshot.objects.of(municipality).light().order_by("-taken_on", "-pk")


@router.get(
    "/municipalities/{slug}/network/snapshots/{snapshot_id}",
    response=SnapshotOut,
    summary="Kennzahlen einer Momentaufnahme des Netzwerks",
)
def snapshot_detail(request: HttpRequest, slug: str, snapshot_id: Id) -> Snapshot:
    municipality_for(request, slug)
    return get_object_for(request, Snapshot.objects.light(), pk=snapshot_id)
