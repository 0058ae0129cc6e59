"""Pages of the network analysis below /<slug>/network/ (docs/network.md). Every
page renders from a stored Snapshot; nothing is recomputed per request."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from quartier.core.forms import add_service_errors
from quartier.core.gate import get_object_for, require
from quartier.core.kept import Kept
from quartier.network import compare as comparing
from quartier.network import presentation, services
from quartier.network.forms import CompareForm, SnapshotForm
from quartier.network.models import Snapshot, public_page_on

PAGE_SIZE = 100
# Above this many actors the page offers the tables only: a drawing of thousands
# of actors is unreadable and slow.
GRAPH_LIMIT = 400
ROLE_LABELS = {
    "coordinator": gettext_lazy("coordinator"),
    "gatekeeper": gettext_lazy("gatekeeper"),
    "representative": gettext_lazy("representative"),
    "itinerant": gettext_lazy("itinerant"),
    "liaison": gettext_lazy("liaison"),
}


def _municipality(request: HttpRequest) -> Any:
    return request.municipality  # type: ignore[attr-defined]


# The prepared tables of the latest snapshots, per process: a snapshot never changes
# once taken, so a page of a large network (2,000 actors, 50,000 ties) reads and
# sorts its stored lists once, not on every request (docs/network.md, "Speed").
_PREPARED: Kept[dict[str, Any]] = Kept(4)
# Rendered pages of the actor and tie tables kept per prepared snapshot (_rows).
_ROWS_KEEP = 64


def _prepared(snapshot: Snapshot, full: bool) -> dict[str, Any]:
    key = (snapshot.pk, snapshot.created_at, full, get_language())
    return _PREPARED.get_or_make(key, lambda: _prepare(snapshot, full))


def _prepare(snapshot: Snapshot, full: bool) -> dict[str, Any]:
    data = snapshot.data if full else presentation.public_cut(snapshot.data)
    names = presentation.sector_names()
    by_id = {n["id"]: n["name"] for n in data["nodes"]}
    actors = sorted(data["nodes"], key=lambda n: (-n["betweenness"], n["name"]))
    for node in actors:
        node["sector_name"] = names.get(node["sector"], node["sector"])
        node["roles"] = [
            (str(ROLE_LABELS[role]), count)
            for role, count in node["brokerage"].items()
            if count
        ]
    # Ties as plain tuples; their source labels are added for the page shown only.
    ties = sorted(
        (
            by_id[e["source"]],
            by_id[e["target"]],
            tuple(e["sources"]),
            e.get("intensity"),
        )
        for e in data["edges"]
    )
    drawable = len(data["nodes"]) <= GRAPH_LIMIT
    prepared = {
        "actors": actors,
        "ties": ties,
        "legend": presentation.legend(data["nodes"], names),
        "graph": presentation.graph_json(data, names) if drawable else None,
        "brokers": [n["name"] for n in comparing.brokers(data)],
        "ei_by_sector": [
            (names.get(code, code), value)
            for code, value in snapshot.measures.get("ei_by_sector", {}).items()
        ],
    }
    prepared["rows"] = Kept(_ROWS_KEEP)
    return prepared


def _tie_rows(page: Any) -> list[dict[str, Any]]:
    return [
        {
            "a": a,
            "b": b,
            "sources": presentation.source_names(list(keys)),
            "intensity": i,
        }
        for a, b, keys, i in page.object_list
    ]


def _rows(prepared: dict[str, Any], table: str, page: Any) -> str:
    """The rows of one page of the actor or tie table as HTML, rendered once and kept
    with the prepared snapshot: they depend on nothing but the snapshot, the page
    and the language (all in the key of _PREPARED), and rendering a hundred rows
    was most of the page's time (docs/benchmarks.md)."""
    kept: Kept[str] = prepared["rows"]

    def render() -> str:
        rows = _tie_rows(page) if table == "tie" else page.object_list
        return render_to_string(f"network/_{table}_rows.html", {f"{table}_page": rows})

    return kept.get_or_make((table, page.number), render)


def _context(request: HttpRequest, snapshot: Snapshot | None, full: bool) -> dict:
    context: dict[str, Any] = {"snapshot": snapshot, "full": full}
    if snapshot is None:
        return context
    prepared = _prepared(snapshot, full)
    actors, ties = prepared["actors"], prepared["ties"]
    actor_page = Paginator(actors, PAGE_SIZE).get_page(request.GET.get("actors"))
    tie_page = Paginator(ties, PAGE_SIZE).get_page(request.GET.get("ties"))
    context.update(
        measures=snapshot.measures,
        ei_by_sector=prepared["ei_by_sector"],
        sources=presentation.source_names(snapshot.sources),
        legend=prepared["legend"],
        actor_page=actor_page,
        tie_page=tie_page,
        actor_rows=_rows(prepared, "actor", actor_page),
        tie_rows=_rows(prepared, "tie", tie_page),
        actor_count=len(actors),
        tie_count=len(ties),
        graph=prepared["graph"],
        brokers=prepared["brokers"],
    )
    return context


def network_index(request: HttpRequest) -> HttpResponse:
    municipality = _municipality(request)
    require(request, "network.view_network")
    full = request.user.has_perm("network.analyse_network", municipality)
    snapshot = Snapshot.objects.of(municipality).light().first()
    context = _context(request, snapshot, full)
    if full:
        context["form"] = SnapshotForm()
        context["public_page"] = public_page_on(municipality)
    return render(request, "network/network.html", context)


def snapshot_detail(request: HttpRequest, pk: int) -> HttpResponse:
    snapshot = get_object_for(request, Snapshot.objects.all().light(), pk=pk)
    return render(request, "network/network.html", _context(request, snapshot, True))


@require_POST
def snapshot_take(request: HttpRequest) -> HttpResponse:
    municipality = _municipality(request)
    require(request, "network.analyse_network")
    form = SnapshotForm(request.POST)
    if form.is_valid():
        try:
            snapshot = services.snapshot_take(
                by=request.user,
                municipality=municipality,
                at=form.cleaned_data["taken_on"],
                sources=form.cleaned_data["sources"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The snapshot has been taken."))
            return redirect(
                "network:snapshot", municipality_slug=municipality.slug, pk=snapshot.pk
            )
    context = _context(request, Snapshot.objects.of(municipality).light().first(), True)
    context.update(form=form, public_page=public_page_on(municipality))
    return render(request, "network/network.html", context, status=400)


def snapshot_list(request: HttpRequest) -> HttpResponse:
    municipality = _municipality(request)
    require(request, "network.analyse_network")
    snapshots = Snapshot.objects.of(municipality).light().select_related("taken_by")
    listed = list(snapshots)
    return render(
        request,
        "network/snapshot_list.html",
        {
            "snapshots": listed,
            "form": CompareForm(snapshots=snapshots, listed=listed),
        },
    )


def snapshot_compare(request: HttpRequest) -> HttpResponse:
    municipality = _municipality(request)
    require(request, "network.analyse_network")
    snapshots = Snapshot.objects.of(municipality).light()
    form = CompareForm(request.GET or None, snapshots=snapshots)
    context: dict[str, Any] = {"form": form}
    if form.is_valid():
        then = Snapshot.objects.get(pk=form.cleaned_data["then"].pk)
        now = Snapshot.objects.get(pk=form.cleaned_data["now"].pk)
        if then.taken_on > now.taken_on:
            then, now = now, then
        context.update(
            then=then,
            now=now,
            changes=comparing.compare(then.data, now.data),
            rows=_measure_rows(then.measures, now.measures),
        )
    return render(request, "network/compare.html", context)


def _measure_rows(then: dict, now: dict) -> list[tuple[str, Any, Any]]:
    keys = [
        ("actors", _("Actors")),
        ("ties", _("Ties")),
        ("density", _("Density")),
        ("components", _("Components")),
        ("average_degree", _("Average number of ties")),
        ("degree_centralization", _("Degree centralisation")),
        ("ei_index", _("E-I index")),
        ("bridging_share", _("Ties between administration and civil society")),
    ]
    return [(label, then.get(key), now.get(key)) for key, label in keys]


@require_POST
def public_page(request: HttpRequest) -> HttpResponse:
    municipality = _municipality(request)
    require(request, "network.analyse_network")
    services.public_page_set(
        by=request.user,
        municipality=municipality,
        public=request.POST.get("public") == "on",
    )
    messages.success(request, _("The setting has been saved."))
    return redirect("network:index", municipality_slug=municipality.slug)
