"""Seeds the network analysis from `data/network.yaml`: the story's actors and
ties, three dated snapshots (how their tie sets are built is written in the data
file) and one relationship-survey round with answers from 20 actors. Idempotent:
snapshots are found by date and rewritten only when their data changed."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from quartier.actors.models import Actor, Sector, Tie, TieStatus
from quartier.core.sanitize import clean_html
from quartier.demo import records
from quartier.network import graph
from quartier.network.models import (
    TRUST_ITEMS,
    VALUE_ITEMS,
    Answer,
    Participant,
    Snapshot,
    SurveyRound,
)


def _actors(municipality: Any, data: dict, summary: records.Summary) -> dict:
    sectors = {s.code: s for s in Sector.objects.all()}
    actors = {}
    for spec in data["actors"]:
        actor = records.upsert(
            Actor,
            {"municipality": municipality, "name": spec["name"]},
            {
                "kind": spec["kind"],
                "description": clean_html(spec["description"]),
                "visibility": "public",
                "archived_at": None,
                "address": spec["address"],
                "email": spec["email"],
                "phone": spec["phone"],
            },
            summary,
            "actor",
        )
        records.set_m2m(actor, "sectors", [sectors[c] for c in spec["sectors"]])
        actors[spec["key"]] = actor
    return actors


def _actor(municipality: Any, key: str, story: dict) -> Actor:
    return story.get(key) or records.get_actor(municipality, key)


def _story_ties(municipality: Any, data: dict, story: dict, summary: Any) -> list:
    ties = []
    for spec in data["ties"]:
        source = _actor(municipality, spec["source"], story)
        target = _actor(municipality, spec["target"], story)
        ties.append((source.pk, target.pk, spec))
        if spec.get("until"):
            continue  # ended before today: only in the snapshots
        records.upsert(
            Tie,
            {
                "municipality": municipality,
                "source": source,
                "target": target,
                "kind": spec["kind"],
            },
            {
                "intensity": spec["intensity"],
                "since": spec["since"],
                "status": TieStatus.ACTIVE,
                "recorded_by_coordination": True,
                "archived_at": None,
            },
            summary,
            "tie",
        )
    return ties


def _edges_at(municipality: Any, day: datetime.date, story_ties: list) -> list:
    edges: dict[tuple[int, int], dict] = {}

    def add(a: int, c: int, kind: str, intensity: int) -> None:
        key = (min(a, c), max(a, c))
        edge = edges.setdefault(
            key, {"source": key[0], "target": key[1], "sources": ["ties"], "kinds": []}
        )
        edge["intensity"] = max(edge.get("intensity", 0), intensity)
        if kind not in edge["kinds"]:
            edge["kinds"].append(kind)

    for a, c, kind, intensity, since in (
        Tie.objects.of(municipality)
        .active()
        .values_list("source_id", "target_id", "kind", "intensity", "since")
    ):
        if since is None or since <= day:
            add(a, c, kind, intensity)
    for a, c, spec in story_ties:
        if spec["since"] <= day and (not spec.get("until") or spec["until"] > day):
            add(a, c, spec["kind"], spec["intensity"])
    return sorted(edges.values(), key=lambda e: (e["source"], e["target"]))


def _snapshots(municipality: Any, data: dict, story_ties: list, summary: Any) -> None:
    by = records.get_user(data["taken_by"])
    nodes = graph.collect_nodes(municipality, timezone.localdate())
    for day in data["snapshots"]:
        result = graph.analyse(nodes, _edges_at(municipality, day, story_ties))
        records.upsert(
            Snapshot,
            {"municipality": municipality, "taken_on": day, "automatic": False},
            {
                "sources": ["ties"],
                "measures": result["measures"],
                "data": {"nodes": result["nodes"], "edges": result["edges"]},
                "taken_by": by,
            },
            summary,
            "network snapshot",
        )


def _survey(municipality: Any, data: dict, story: dict, summary: Any) -> None:
    spec = data["survey"]
    round = records.upsert(
        SurveyRound,
        {"municipality": municipality, "title": spec["title"]},
        {
            "closes_on": spec["closes_on"],
            "opened_by": records.get_user(data["taken_by"]),
        },
        summary,
        "relationship survey",
    )
    for key, partners in spec["answers"].items():
        actor = _actor(municipality, key, story)
        participant = Participant.objects.filter(round=round, actor=actor).first()
        if participant is None:
            participant = Participant.objects.create(
                round=round,
                actor=actor,
                email=actor.email,
                invited_at=timezone.now(),
                answered_at=timezone.now(),
            )
            summary.add("survey participant", "created")
        for partner_key, scores in partners.items():
            records.upsert(
                Answer,
                {
                    "participant": participant,
                    "partner": _actor(municipality, partner_key, story),
                },
                dict(zip(TRUST_ITEMS + VALUE_ITEMS, scores, strict=True)),
                summary,
                "survey answer",
            )


def load(summary: records.Summary) -> None:
    """Write the network demo of Musterstadt."""
    data = records.read("network")
    municipality = records.get_municipality(data["municipality"])
    story = _actors(municipality, data, summary)
    story_ties = _story_ties(municipality, data, story, summary)
    _snapshots(municipality, data, story_ties, summary)
    _survey(municipality, data, story, summary)
