"""The cooperation network of a municipality at a date (docs/network.md).

`collect` reads the sources (each switchable) into plain node and edge lists;
`analyse` turns them into a networkx graph and computes every measure of
measures.py. Together they give the `data` a Snapshot stores, so pages render
from the stored result and never recompute per request.

Sources, each read as it stood at the date:
- ties: confirmed ties (actors.Tie, status active) that had started and not yet
  ended or been archived; their kind and intensity are kept on the edge;
- forums: two actors that are members of the same forum (membership created by then);
- meetings: two actors that attended the same meeting in the year before the date;
- initiatives: lead and partners of the same initiative (created by then);
- funds: a funded fund application (approved or later, decided by then) linked to
  an initiative joins the applicant organisation with that initiative's lead and
  partners – a jointly funded project.

Nodes are the municipality's actors that are not archived; each belongs to one
group for brokerage and the E-I index: its first sector (by the sectors' order),
or "none" when it has none.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

import networkx as nx
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from quartier.network import measures

SOURCES = {
    "ties": _("confirmed ties"),
    "forums": _("joint forum membership"),
    "meetings": _("joint meeting attendance (in the year before the date)"),
    "initiatives": _("joint initiatives (lead and partners)"),
    "funds": _("jointly funded projects"),
}
NO_SECTOR = "none"
# The two sides whose ties count as bridging administration and civil society.
ADMINISTRATION = frozenset({"verwaltung", "politik"})
CIVIL_SOCIETY = frozenset({"zivilgesellschaft", "soziales", "bewohnerinnen"})
MEETING_WINDOW = datetime.timedelta(days=365)


def _end_of(at: datetime.date) -> datetime.datetime:
    return timezone.make_aware(
        datetime.datetime.combine(at, datetime.time.max),
        timezone.get_current_timezone(),
    )


def collect_nodes(municipality: Any, at: datetime.date) -> list[dict[str, Any]]:
    from quartier.actors.models import Actor

    end = _end_of(at)
    actors = (
        Actor.objects.of(municipality)
        .filter(created_at__lte=end)
        .filter(Q(archived_at__isnull=True) | Q(archived_at__gt=end))
        .prefetch_related("sectors")
        .order_by("name", "pk")
    )
    nodes = []
    for actor in actors:
        sectors = sorted(actor.sectors.all(), key=lambda s: (s.position, s.pk))
        nodes.append(
            {
                "id": actor.pk,
                "name": actor.name,
                "kind": actor.kind,
                "public": actor.visibility == "public",
                "sector": sectors[0].code if sectors else NO_SECTOR,
            }
        )
    return nodes


def _tie_edges(municipality: Any, at: datetime.date) -> Iterable[tuple[int, int, dict]]:
    from quartier.actors.models import Tie, TieStatus

    end = _end_of(at)
    ties = (
        Tie.objects.of(municipality)
        .filter(status__in=(TieStatus.ACTIVE, TieStatus.ENDED), created_at__lte=end)
        .filter(Q(since__isnull=True) | Q(since__lte=at))
        .filter(Q(ended_at__isnull=True) | Q(ended_at__gt=end))
        .filter(Q(archived_at__isnull=True) | Q(archived_at__gt=end))
        .filter(Q(confirmed_at__isnull=True) | Q(confirmed_at__lte=end))
        .values_list("source_id", "target_id", "kind", "intensity")
    )
    for source, target, kind, intensity in ties:
        yield source, target, {"kind": kind, "intensity": intensity}


def _forum_rows(municipality: Any, at: datetime.date) -> list[tuple[Any, int]]:
    from quartier.forums.models import ForumMember

    return list(
        ForumMember.objects.filter(
            forum__municipality=municipality,
            actor__isnull=False,
            created_at__lte=_end_of(at),
        ).values_list("forum_id", "actor_id")
    )


def _meeting_rows(municipality: Any, at: datetime.date) -> list[tuple[Any, int]]:
    from quartier.forums.models import Attendance

    end = _end_of(at)
    return list(
        Attendance.objects.of(municipality)
        .filter(
            actor__isnull=False,
            meeting__starts_at__lte=end,
            meeting__starts_at__gt=end - MEETING_WINDOW,
        )
        .values_list("meeting_id", "actor_id")
    )


def _initiative_teams(municipality: Any, at: datetime.date) -> dict[int, set[int]]:
    from quartier.initiatives.models import Initiative, InitiativePartner

    end = _end_of(at)
    teams: dict[int, set[int]] = defaultdict(set)
    for pk, lead in (
        Initiative.objects.of(municipality)
        .filter(created_at__lte=end, lead_actor__isnull=False)
        .values_list("pk", "lead_actor_id")
    ):
        teams[pk].add(lead)
    for pk, actor in InitiativePartner.objects.filter(
        initiative__municipality=municipality, initiative__created_at__lte=end
    ).values_list("initiative_id", "actor_id"):
        teams[pk].add(actor)
    return teams


def _fund_rows(municipality: Any, at: datetime.date) -> list[tuple[Any, int]]:
    from quartier.funds.models import COMMITTING, Application
    from quartier.initiatives.models import InitiativeLink

    end = _end_of(at)
    funded = dict(
        Application.objects.of(municipality)
        .filter(status__in=COMMITTING, actor__isnull=False, decided_at__lte=end)
        .values_list("pk", "actor_id")
    )
    if not funded:
        return []
    teams = _initiative_teams(municipality, at)
    rows: list[tuple[Any, int]] = []
    links = InitiativeLink.objects.filter(
        initiative__municipality=municipality, kind="initiatives.application"
    ).values_list("initiative_id", "object_id")
    for initiative, object_id in links:
        application = int(object_id) if object_id.isdigit() else None
        if application not in funded:
            continue
        key = ("fund", application, initiative)
        rows.append((key, funded[application]))
        rows.extend((key, actor) for actor in teams.get(initiative, ()))
    return rows


def collect(
    municipality: Any, at: datetime.date, sources: Iterable[str]
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Nodes and edges of the network at `at` from the chosen sources. An edge is
    one pair of actors with every source that ties them."""
    sources = [s for s in SOURCES if s in set(sources)]
    nodes = collect_nodes(municipality, at)
    known = {node["id"] for node in nodes}
    edges: dict[frozenset, dict[str, Any]] = {}

    def add(a: int, c: int, source: str, detail: dict | None = None) -> None:
        if a == c or a not in known or c not in known:
            return
        key = frozenset((a, c))
        edge = edges.setdefault(
            key, {"source": min(a, c), "target": max(a, c), "sources": []}
        )
        if source not in edge["sources"]:
            edge["sources"].append(source)
        if detail:
            edge["intensity"] = max(edge.get("intensity", 0), detail["intensity"])
            kinds = edge.setdefault("kinds", [])
            if detail["kind"] not in kinds:
                kinds.append(detail["kind"])

    if "ties" in sources:
        for a, c, detail in _tie_edges(municipality, at):
            add(a, c, "ties", detail)
    grouped = {
        "forums": _forum_rows,
        "meetings": _meeting_rows,
        "funds": _fund_rows,
    }
    for source in sources:
        members: list[list[Any]]
        if source == "initiatives":
            members = [
                list(team) for team in _initiative_teams(municipality, at).values()
            ]
        elif source in grouped:
            members = measures.group_members(grouped[source](municipality, at))
        else:
            continue
        for pair in measures.cliques_of(members):
            a, c = sorted(pair)
            add(a, c, source)
    ordered = sorted(edges.values(), key=lambda e: (e["source"], e["target"]))
    return nodes, ordered


def to_graph(nodes: list[dict[str, Any]], edges: list[dict[str, Any]]) -> nx.Graph:
    graph = nx.Graph()
    graph.add_nodes_from(node["id"] for node in nodes)
    graph.add_edges_from((edge["source"], edge["target"]) for edge in edges)
    return graph


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def analyse(nodes: list[dict[str, Any]], edges: list[dict[str, Any]]) -> dict[str, Any]:
    """Every measure of the network, and the node list with each actor's values.
    The result is JSON (a Snapshot stores it as it is)."""
    graph = to_graph(nodes, edges)
    groups = {node["id"]: node["sector"] for node in nodes}
    degree = measures.degree_centrality(graph) if len(nodes) > 1 else {}
    between, exact = measures.betweenness(graph)
    roles = measures.brokerage(graph, groups)
    administration = {n["id"]: n["sector"] in ADMINISTRATION for n in nodes}
    civil = {n["id"]: n["sector"] in CIVIL_SOCIETY for n in nodes}
    result_nodes = []
    for node in nodes:
        pk = node["id"]
        counts: dict[str, int] = roles.get(pk, {})
        result_nodes.append(
            {
                **node,
                "degree": graph.degree(pk),
                "degree_centrality": _round(degree.get(pk, 0.0)),
                "betweenness": _round(between.get(pk, 0.0)),
                "brokerage": {role: counts.get(role, 0) for role in measures.ROLES},
            }
        )
    ei_groups = measures.ei_by_group(graph, groups)
    return {
        "measures": {
            "actors": graph.number_of_nodes(),
            "ties": graph.number_of_edges(),
            "density": _round(measures.density(graph)),
            "components": measures.components(graph),
            "average_degree": _round(measures.average_degree(graph)),
            "degree_centralization": _round(measures.degree_centralization(graph)),
            "ei_index": _round(measures.ei_index(graph, groups)),
            "ei_by_sector": {k: _round(v) for k, v in sorted(ei_groups.items())},
            "bridging_share": _round(
                measures.bridging_share(graph, administration, civil)
            ),
            "betweenness_exact": exact,
        },
        "nodes": result_nodes,
        "edges": edges,
    }
