"""The graph builder on the database, snapshots and the yearly automatic run."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from quartier.actors.models import Actor, Sector, Tie
from quartier.actors.tests.factories import ActorFactory, TieFactory
from quartier.forums.models import Attendance, ForumMember
from quartier.forums.tests.factories import ForumFactory, MeetingFactory
from quartier.initiatives.models import InitiativePartner
from quartier.initiatives.tests.factories import InitiativeFactory
from quartier.network import graph, services
from quartier.network.models import Snapshot

pytestmark = pytest.mark.django_db


def sector(code):
    return Sector.objects.filter(code=code)


@pytest.fixture
def world(municipality):
    town = ActorFactory(
        municipality=municipality, name="Amt", sectors=sector("verwaltung")
    )
    kiosk = ActorFactory(
        municipality=municipality, name="Kiosk", sectors=sector("gesundheitswesen")
    )
    club = ActorFactory(
        municipality=municipality, name="Verein", sectors=sector("zivilgesellschaft")
    )
    TieFactory(municipality=municipality, source=town, target=kiosk)
    TieFactory(municipality=municipality, source=kiosk, target=club)
    return town, kiosk, club


def pairs(edges):
    return {(e["source"], e["target"]) for e in edges}


def test_ties_make_edges_and_sectors_make_groups(municipality, world):
    town, kiosk, club = world
    nodes, edges = graph.collect(municipality, timezone.localdate(), ["ties"])
    assert {n["id"]: n["sector"] for n in nodes} == {
        town.pk: "verwaltung",
        kiosk.pk: "gesundheitswesen",
        club.pk: "zivilgesellschaft",
    }
    assert pairs(edges) == {
        tuple(sorted((town.pk, kiosk.pk))),
        tuple(sorted((kiosk.pk, club.pk))),
    }
    result = graph.analyse(nodes, edges)
    kiosk_row = next(n for n in result["nodes"] if n["id"] == kiosk.pk)
    # Kiosk joins two other sectors: a liaison in both directions.
    assert kiosk_row["brokerage"]["liaison"] == 2
    assert kiosk_row["betweenness"] == 1.0
    assert result["measures"]["density"] == pytest.approx(round(2 / 3, 4))
    assert result["measures"]["bridging_share"] == 0.0


def test_proposed_ended_and_later_ties_do_not_count(municipality, world):
    town, kiosk, club = world
    TieFactory(municipality=municipality, source=town, target=club, status="proposed")
    ended = TieFactory(municipality=municipality, source=club, target=town)
    ended.status = "ended"
    ended.ended_at = timezone.now() - datetime.timedelta(days=10)
    ended.save()
    long_ago = timezone.now() - datetime.timedelta(days=60)
    Actor.objects.update(created_at=long_ago)
    Tie.objects.update(created_at=long_ago)
    today = timezone.localdate()
    assert len(graph.collect(municipality, today, ["ties"])[1]) == 2
    # Twenty days ago the ended tie still stood.
    nodes, edges = graph.collect(
        municipality, today - datetime.timedelta(days=20), ["ties"]
    )
    assert tuple(sorted((town.pk, club.pk))) in pairs(edges)


def test_each_source_can_be_switched(municipality, world):
    town, kiosk, club = world
    forum = ForumFactory(municipality=municipality)
    ForumMember.objects.create(forum=forum, actor=town, role="member")
    ForumMember.objects.create(forum=forum, actor=club, role="member")
    meeting = MeetingFactory(
        forum=forum,
        starts_at=timezone.now() - datetime.timedelta(days=30),
        ends_at=timezone.now() - datetime.timedelta(days=30, hours=-2),
    )
    Attendance.objects.create(municipality=municipality, meeting=meeting, actor=town)
    Attendance.objects.create(municipality=municipality, meeting=meeting, actor=club)
    initiative = InitiativeFactory(municipality=municipality, lead_actor=kiosk)
    InitiativePartner.objects.create(initiative=initiative, actor=club, role="partner")
    today = timezone.localdate()
    town_club = tuple(sorted((town.pk, club.pk)))
    kiosk_club = tuple(sorted((kiosk.pk, club.pk)))
    for source in ("forums", "meetings"):
        _, edges = graph.collect(municipality, today, [source])
        assert pairs(edges) == {town_club}
    _, edges = graph.collect(municipality, today, ["initiatives"])
    assert kiosk_club in pairs(edges)
    _, edges = graph.collect(municipality, today, list(graph.SOURCES))
    by_pair = {(e["source"], e["target"]): e for e in edges}
    assert by_pair[town_club]["sources"] == ["forums", "meetings"]
    assert by_pair[kiosk_club]["sources"][0] == "ties"


def test_a_snapshot_stores_measures_nodes_and_edges(municipality, coordinator, world):
    snapshot = services.snapshot_take(
        by=coordinator, municipality=municipality, sources=["ties"]
    )
    snapshot.refresh_from_db()
    assert snapshot.sources == ["ties"]
    assert snapshot.measures["ties"] == 2
    assert len(snapshot.data["nodes"]) == 3 and len(snapshot.data["edges"]) == 2


def test_only_coordinators_take_snapshots_and_never_in_the_future(
    municipality, partner, coordinator
):
    with pytest.raises(PermissionDenied):
        services.snapshot_take(by=partner, municipality=municipality)
    with pytest.raises(ValidationError):
        services.snapshot_take(
            by=coordinator,
            municipality=municipality,
            at=timezone.localdate() + datetime.timedelta(days=1),
        )
    with pytest.raises(ValidationError):
        services.snapshot_take(by=coordinator, municipality=municipality, sources=[])
    assert not Snapshot.objects.exists()


def test_the_yearly_command_takes_one_snapshot_per_municipality_and_year(
    municipality, other_municipality, world
):
    call_command("take_network_snapshots")
    call_command("take_network_snapshots")
    assert Snapshot.objects.filter(automatic=True).count() == 2
    assert Snapshot.objects.of(municipality).get().measures["actors"] == 3


def test_snapshot_lists_never_read_the_node_and_edge_lists(municipality, coordinator):
    """`light()` selects every column but `data`, newest first, and on SQLite reads
    them from the index `snapshot_list` alone: a snapshot row's columns after
    `data` would otherwise be reached through its overflow pages (megabytes for a
    large network) for every snapshot listed."""
    for day in (1, 2, 3):
        Snapshot.objects.create(
            municipality=municipality,
            taken_on=datetime.date(2026, 1, day),
            measures={"actors": day},
            data={"nodes": [{"id": n} for n in range(2000)], "edges": []},
            taken_by=coordinator,
        )
    listed = Snapshot.objects.of(municipality).light().select_related("taken_by")
    assert [s.measures["actors"] for s in listed] == [3, 2, 1]
    sql = str(listed.query)
    assert '"network_snapshot"."data"' not in sql
    if connection.vendor == "sqlite":
        assert "COVERING INDEX snapshot_list" in listed.explain()
