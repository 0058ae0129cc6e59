"""The network pages: rendered from the stored snapshot, the table view holds the
graph's numbers, the public page shows organisations only and only when on."""

import json
import re

import pytest
from django.urls import reverse

from quartier.actors.models import Sector
from quartier.actors.tests.factories import ActorFactory, TieFactory
from quartier.network import graph, services
from quartier.network.models import NetworkSetting, Snapshot

pytestmark = pytest.mark.django_db


@pytest.fixture
def snapshot(municipality, coordinator):
    health = Sector.objects.filter(code="gesundheitswesen")
    kiosk = ActorFactory(
        municipality=municipality, name="Gesundheitskiosk", sectors=health
    )
    club = ActorFactory(municipality=municipality, name="Kulturverein")
    person = ActorFactory(
        municipality=municipality, name="Frau Lotsin", kind="intermediary"
    )
    TieFactory(municipality=municipality, source=kiosk, target=club)
    TieFactory(municipality=municipality, source=person, target=club)
    return services.snapshot_take(by=coordinator, municipality=municipality)


def url(municipality, name="network:index", **kwargs):
    return reverse(name, kwargs={"municipality_slug": municipality.slug, **kwargs})


def test_the_page_renders_from_the_stored_snapshot(
    client, municipality, coordinator, snapshot, monkeypatch
):
    client.force_login(coordinator)

    def refuse(*args, **kwargs):
        raise AssertionError("recomputed per request")

    monkeypatch.setattr(graph, "collect", refuse)
    monkeypatch.setattr(graph, "analyse", refuse)
    response = client.get(url(municipality))
    assert response.status_code == 200
    assert "Gesundheitskiosk" in response.content.decode()


def test_the_tables_hold_the_same_numbers_as_the_graph_data(
    client, municipality, coordinator, snapshot
):
    client.force_login(coordinator)
    html = client.get(url(municipality)).content.decode()
    data = json.loads(
        re.search(
            r'<script id="network-data" type="application/json">(.*?)</script>',
            html,
            re.S,
        ).group(1)
    )
    rows = re.findall(
        r'<tr class="kern-table__row" data-actor="(\d+)">\s*<th scope="row" class="kern-table__cell">([^<]+)</th>\s*<td[^>]*>[^<]*</td>\s*<td[^>]*>(\d+)</td>',
        html,
    )
    table = {pk: (name, int(degree)) for pk, name, degree in rows}
    assert table == {n["id"]: (n["name"], n["degree"]) for n in data["nodes"]}
    assert len(data["edges"]) == 2
    assert "2 ties" in html or "2 Verbindungen" in html


def test_the_public_page_is_off_by_default_and_shows_organisations_only(
    client, municipality, coordinator, snapshot
):
    assert client.get(url(municipality)).status_code == 302
    client.force_login(coordinator)
    response = client.post(url(municipality, "network:public_page"), {"public": "on"})
    assert response.status_code == 302
    assert NetworkSetting.objects.get(municipality=municipality).public_page
    client.logout()
    html = client.get(url(municipality)).content.decode()
    assert "Gesundheitskiosk" in html and "Kulturverein" in html
    assert "Frau Lotsin" not in html
    assert "Take a snapshot" not in html and "Momentaufnahme erstellen" not in html


def test_a_coordinator_takes_a_snapshot_from_the_page(
    client, municipality, coordinator
):
    client.force_login(coordinator)
    response = client.post(
        url(municipality, "network:take"),
        {"taken_on": "2026-01-05", "sources": ["ties", "forums"]},
    )
    snapshot = Snapshot.objects.get()
    assert response.status_code == 302
    assert snapshot.sources == ["ties", "forums"]
    assert str(snapshot.taken_on) == "2026-01-05"


def test_bad_input_is_shown_next_to_the_field(client, municipality, coordinator):
    client.force_login(coordinator)
    response = client.post(
        url(municipality, "network:take"), {"taken_on": "kein Datum"}
    )
    assert response.status_code == 400
    assert not Snapshot.objects.exists()


def test_comparison_names_new_ties_and_new_brokers(
    client, municipality, coordinator, snapshot
):
    earlier = Snapshot.objects.create(
        municipality=municipality,
        taken_on=snapshot.taken_on.replace(year=snapshot.taken_on.year - 1),
        sources=["ties"],
        measures={"density": 0.1},
        data={
            "nodes": [
                {**n, "brokerage": {}, "betweenness": 0.0}
                for n in snapshot.data["nodes"]
            ],
            "edges": [],
        },
    )
    client.force_login(coordinator)
    response = client.get(
        url(municipality, "network:compare"), {"then": earlier.pk, "now": snapshot.pk}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Gesundheitskiosk – Kulturverein" in html
    became = html[html.index("Wer neu vermittelt") :]
    # The new broker between two sectors.
    assert became.split("</p>")[0].endswith("Kulturverein"), became[:300]


def test_kept_table_pages_follow_the_page_the_language_and_the_view(
    client, municipality, coordinator, snapshot, monkeypatch
):
    """The rendered table rows are kept per snapshot, page, language and view
    (views._rows): each page shows its own rows, the public page never gets the
    coordinator's rows, and a new snapshot shows up at once."""
    from quartier.network import views

    monkeypatch.setattr(views, "PAGE_SIZE", 1)
    views._PREPARED.clear()
    client.force_login(coordinator)
    pages = [
        client.get(url(municipality), {"actors": n}).content.decode()
        for n in (1, 2, 3, 1)
    ]
    first_rows = [
        re.findall(r'data-actor="\d+">\s*<th scope="row"[^>]*>([^<]+)</th>', page)
        for page in pages
    ]
    assert sorted(name for rows in first_rows[:3] for name in rows) == [
        "Frau Lotsin",
        "Gesundheitskiosk",
        "Kulturverein",
    ]
    assert first_rows[3] == first_rows[0]
    # The public page: organisations only, though the coordinator's rows are kept.
    services.public_page_set(by=coordinator, municipality=municipality, public=True)
    client.logout()
    public = client.get(url(municipality), {"actors": 1}).content.decode()
    public += client.get(url(municipality), {"actors": 2}).content.decode()
    assert "Frau Lotsin" not in public
    # A new snapshot with a new actor is shown at once.
    client.force_login(coordinator)
    ActorFactory(municipality=municipality, name="Neuer Sportverein")
    services.snapshot_take(by=coordinator, municipality=municipality)
    html = "".join(
        client.get(url(municipality), {"actors": n}).content.decode()
        for n in (1, 2, 3, 4)
    )
    assert "Neuer Sportverein" in html


def test_the_snapshot_list_reads_the_snapshots_once_for_table_and_selects(
    client, municipality, coordinator, snapshot
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    second = services.snapshot_take(by=coordinator, municipality=municipality)
    client.force_login(coordinator)
    with CaptureQueriesContext(connection) as queries:
        html = client.get(url(municipality, "network:snapshots")).content.decode()
    reads = [
        q for q in queries.captured_queries if 'FROM "network_snapshot"' in q["sql"]
    ]
    assert len(reads) == 1
    for name in ("then", "now"):
        select = re.search(rf'<select name="{name}".*?</select>', html, re.S).group(0)
        assert f'value="{snapshot.pk}"' in select and f'value="{second.pk}"' in select
    # The comparison still validates through the queryset.
    compare = client.get(
        url(municipality, "network:compare"),
        {"then": snapshot.pk, "now": second.pk},
    )
    assert compare.status_code == 200 and compare.context["form"].is_valid()
