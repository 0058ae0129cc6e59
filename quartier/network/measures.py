"""The measures of a cooperation network (docs/network.md), as pure functions of a
networkx graph and a mapping actor → group (its sector). No database, no Django.

The cooperation network is undirected: a tie exists once both sides confirmed it,
and joint memberships have no direction. Gould–Fernandez brokerage is defined on
directed paths a → b → c where a and c are not tied; an undirected tie is read as
two arcs (a → b and b → a), so every unordered pair {a, c} that b connects is
counted twice, once in each direction. Hence, for an undirected network, the
gatekeeper and representative counts of an actor are equal and the coordinator,
itinerant and liaison counts are twice the number of pairs. `brokerage` accepts a
DiGraph as well and then counts the directed paths as Gould and Fernandez did.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable, Mapping
from itertools import combinations
from typing import Any

import networkx as nx

ROLES = ("coordinator", "gatekeeper", "representative", "itinerant", "liaison")

# Exact betweenness costs O(n·m); above this many nodes it is estimated from a
# fixed sample of source nodes (same seed, so a snapshot is reproducible).
EXACT_BETWEENNESS_NODES = 400
BETWEENNESS_SAMPLE = 32


def density(graph: nx.Graph) -> float:
    return float(nx.density(graph))


def components(graph: nx.Graph) -> int:
    if graph.number_of_nodes() == 0:
        return 0
    if graph.is_directed():
        return nx.number_weakly_connected_components(graph)
    return nx.number_connected_components(graph)


def average_degree(graph: nx.Graph) -> float:
    n = graph.number_of_nodes()
    if n == 0:
        return 0.0
    factor = 1 if graph.is_directed() else 2
    return factor * graph.number_of_edges() / n


def degree_centralization(graph: nx.Graph) -> float:
    """Freeman's degree centralisation: Σ (max degree − degree) over all actors,
    divided by its largest possible value, (n − 1)(n − 2), reached by a star.
    1 for a star, 0 when every actor has the same number of ties."""
    n = graph.number_of_nodes()
    if n < 3:
        return 0.0
    degrees = [d for _, d in graph.degree()]
    top = max(degrees)
    return sum(top - d for d in degrees) / ((n - 1) * (n - 2))


def degree_centrality(graph: nx.Graph) -> dict[Hashable, float]:
    return dict(nx.degree_centrality(graph))


def betweenness(graph: nx.Graph) -> tuple[dict[Hashable, float], bool]:
    """Normalised betweenness per actor and whether it is exact. Large networks
    are estimated from BETWEENNESS_SAMPLE source nodes (Brandes–Pich)."""
    n = graph.number_of_nodes()
    if n <= EXACT_BETWEENNESS_NODES:
        return dict(nx.betweenness_centrality(graph, normalized=True)), True
    values = nx.betweenness_centrality(
        graph, k=min(BETWEENNESS_SAMPLE, n), normalized=True, seed=7
    )
    return dict(values), False


def _role(ga: Any, gb: Any, gc: Any) -> str:
    if ga == gb == gc:
        return "coordinator"
    if ga == gc:
        return "itinerant"
    if gb == gc:
        return "gatekeeper"
    if ga == gb:
        return "representative"
    return "liaison"


def brokerage_paths(
    graph: nx.DiGraph, groups: Mapping[Hashable, Any]
) -> dict[Hashable, Counter[str]]:
    """Gould–Fernandez by definition: every path a → b → c with a ≠ c and no arc
    a → c, classified by the groups of a, b and c. Quadratic in the degree: for
    tests and directed networks."""
    result: dict[Hashable, Counter[str]] = {b: Counter() for b in graph}
    for b in graph:
        for a in graph.predecessors(b):
            for c in graph.successors(b):
                if a == c or graph.has_edge(a, c):
                    continue
                result[b][_role(groups[a], groups[b], groups[c])] += 1
    return result


def brokerage(
    graph: nx.Graph, groups: Mapping[Hashable, Any]
) -> dict[Hashable, Counter[str]]:
    """Brokerage counts per actor and role. For an undirected graph the counts are
    those of `brokerage_paths` on its two-arc reading, found from the group sizes
    among each actor's neighbours minus the pairs closed by a triangle, so the
    cost is the number of triangles rather than the sum of squared degrees."""
    if graph.is_directed():
        return brokerage_paths(graph, groups)
    result: dict[Hashable, Counter[str]] = {}
    for b in graph:
        gb = groups[b]
        counts = Counter(groups[a] for a in graph[b])
        own = counts.get(gb, 0)
        other = sum(counts.values()) - own
        squares = sum(v * v for g, v in counts.items() if g != gb)
        result[b] = Counter(
            {
                "coordinator": own * (own - 1),
                "itinerant": sum(v * (v - 1) for g, v in counts.items() if g != gb),
                "gatekeeper": other * own,
                "representative": own * other,
                "liaison": other * other - squares,
            }
        )
    # Subtract the closed pairs: for every triangle, each corner b has its two
    # other corners tied, in both directions.
    adjacency = {node: set(graph[node]) for node in graph}
    for a, c in graph.edges():
        if a == c:
            continue
        for b in adjacency[a] & adjacency[c]:
            result[b][_role(groups[a], groups[b], groups[c])] -= 1
            result[b][_role(groups[c], groups[b], groups[a])] -= 1
    return {node: +counter for node, counter in result.items()}


def ei_index(graph: nx.Graph, groups: Mapping[Hashable, Any]) -> float | None:
    """Krackhardt–Stern E-I index over all ties: (external − internal) / all.
    −1: every tie stays within a sector; +1: every tie crosses sectors."""
    external = internal = 0
    for a, c in graph.edges():
        if groups[a] == groups[c]:
            internal += 1
        else:
            external += 1
    total = external + internal
    return None if total == 0 else (external - internal) / total


def ei_by_group(
    graph: nx.Graph, groups: Mapping[Hashable, Any]
) -> dict[Any, float | None]:
    """E-I index per sector: the ties of its actors to other sectors (E) against
    the ties among its own actors (I); a tie within the sector counts once."""
    external: Counter[Any] = Counter()
    internal: Counter[Any] = Counter()
    for a, c in graph.edges():
        ga, gc = groups[a], groups[c]
        if ga == gc:
            internal[ga] += 1
        else:
            external[ga] += 1
            external[gc] += 1
    result: dict[Any, float | None] = {}
    for group in set(groups[node] for node in graph):
        total = external[group] + internal[group]
        result[group] = (
            None if total == 0 else (external[group] - internal[group]) / total
        )
    return result


def bridging_share(
    graph: nx.Graph, side_a: Mapping[Hashable, bool], side_b: Mapping[Hashable, bool]
) -> float | None:
    """Share of all ties that join an actor of side A (administration) with one of
    side B (civil society)."""
    total = graph.number_of_edges()
    if total == 0:
        return None
    bridging = sum(
        1
        for a, c in graph.edges()
        if (side_a.get(a) and side_b.get(c)) or (side_b.get(a) and side_a.get(c))
    )
    return bridging / total


def cliques_of(groups_of_members: Iterable[Iterable[Hashable]]) -> set[frozenset]:
    """Pairs of actors who share a group (a forum, a meeting, an initiative)."""
    pairs: set[frozenset] = set()
    for members in groups_of_members:
        unique = sorted(set(members), key=str)
        for a, c in combinations(unique, 2):
            pairs.add(frozenset((a, c)))
    return pairs


def group_members(rows: Iterable[tuple[Hashable, Hashable]]) -> list[list[Hashable]]:
    """[(group key, actor), …] → the actor lists of each group."""
    grouped: dict[Hashable, list[Hashable]] = defaultdict(list)
    for key, actor in rows:
        grouped[key].append(actor)
    return list(grouped.values())
