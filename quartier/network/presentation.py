"""How a stored snapshot is shown: sector names, colours, shapes and text markers
(colour is never alone), the public cut (organisations only) and the JSON the
graph script reads."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from quartier.network.graph import NO_SECTOR, SOURCES

# code → (colour, Cytoscape shape, shape's German-independent marker letter key)
STYLES = {
    "verwaltung": ("#1f4e99", "rectangle", "V"),
    "politik": ("#5b3a8c", "diamond", "P"),
    "zivilgesellschaft": ("#1b7340", "ellipse", "Z"),
    "gesundheitswesen": ("#b3261e", "triangle", "G"),
    "soziales": ("#8a5a00", "hexagon", "S"),
    "bildung": ("#006b75", "pentagon", "B"),
    "wohnungswirtschaft": ("#6b4423", "vee", "W"),
    "wirtschaft": ("#444444", "star", "U"),
    "bewohnerinnen": ("#9c2f6b", "octagon", "E"),
    NO_SECTOR: ("#6f6f6f", "round-rectangle", "–"),
}
PUBLIC_KINDS = {"organisation", "initiative", "administration"}


def sector_names() -> dict[str, str]:
    from quartier.actors.models import Sector

    names = {code: _(name) for code, name in Sector.objects.values_list("code", "name")}
    names[NO_SECTOR] = _("no sector")
    return names


def legend(nodes: list[dict[str, Any]], names: dict[str, str]) -> list[dict[str, Any]]:
    used = {n["sector"] for n in nodes}
    return [
        {
            "code": code,
            "name": names.get(code, code),
            "colour": colour,
            "shape": shape,
            "marker": marker,
        }
        for code, (colour, shape, marker) in STYLES.items()
        if code in used
    ]


def public_cut(data: dict[str, Any]) -> dict[str, Any]:
    """Organisations only: persons in intermediary roles and internal actors are
    left out, and with them every tie that touches one."""
    nodes = [n for n in data["nodes"] if n["kind"] in PUBLIC_KINDS and n["public"]]
    keep = {n["id"] for n in nodes}
    edges = [e for e in data["edges"] if e["source"] in keep and e["target"] in keep]
    return {"nodes": nodes, "edges": edges}


def source_names(sources: list[str]) -> list[str]:
    return [str(SOURCES[s]) for s in sources if s in SOURCES]


def graph_json(data: dict[str, Any], names: dict[str, str]) -> dict[str, Any]:
    """What network.js draws: the same numbers as the tables."""
    nodes = []
    for n in data["nodes"]:
        colour, shape, marker = STYLES.get(n["sector"], STYLES[NO_SECTOR])
        nodes.append(
            {
                "id": str(n["id"]),
                "name": n["name"],
                "sector": names.get(n["sector"], n["sector"]),
                "marker": marker,
                "colour": colour,
                "shape": shape,
                "degree": n["degree"],
                "betweenness": n["betweenness"],
            }
        )
    edges = [
        {"source": str(e["source"]), "target": str(e["target"])} for e in data["edges"]
    ]
    return {"nodes": nodes, "edges": edges}
