"""Two snapshots side by side (docs/network.md): ties that are new and lost, who
became or stopped being a broker, and the measures then and now. Works on the
stored data only."""

from __future__ import annotations

from typing import Any

BRIDGING_ROLES = ("gatekeeper", "representative", "liaison")
# A broker is one of the actors with the most bridging brokerage (paths between
# sectors they stand on): the BROKERS highest with at least one such path.
BROKERS = 10


def bridging(node: dict[str, Any]) -> int:
    return sum(node["brokerage"].get(role, 0) for role in BRIDGING_ROLES)


def brokers(data: dict[str, Any], top: int = BROKERS) -> list[dict[str, Any]]:
    ranked = sorted(
        (n for n in data["nodes"] if bridging(n) > 0),
        key=lambda n: (-bridging(n), -n["betweenness"], n["name"]),
    )
    return ranked[:top]


def _pairs(data: dict[str, Any]) -> set[tuple[int, int]]:
    return {(e["source"], e["target"]) for e in data["edges"]}


def compare(then: dict[str, Any], now: dict[str, Any]) -> dict[str, Any]:
    names = {n["id"]: n["name"] for n in then["nodes"]}
    names.update({n["id"]: n["name"] for n in now["nodes"]})

    def named(pairs: set[tuple[int, int]]) -> list[tuple[str, str]]:
        return sorted((names[a], names[c]) for a, c in pairs)

    brokers_then = {n["id"] for n in brokers(then)}
    brokers_now = {n["id"] for n in brokers(now)}
    return {
        "new_ties": named(_pairs(now) - _pairs(then)),
        "lost_ties": named(_pairs(then) - _pairs(now)),
        "new_brokers": sorted(names[pk] for pk in brokers_now - brokers_then),
        "former_brokers": sorted(names[pk] for pk in brokers_then - brokers_now),
    }
