"""An actor's ties with many ties in the municipality (issue 19): the page reads the
actor's own ties through the side indexes (TieQuerySet.touching), not every tie of
the municipality, and still shows the ties of both sides and nothing else."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from quartier.actors.models import Tie
from quartier.actors.tests.factories import ActorFactory, TieFactory
from quartier.core.tests.query_plans import plan_of

pytestmark = pytest.mark.django_db


def test_the_page_shows_the_ties_of_both_sides_and_no_other(
    client, municipality, other_municipality
):
    actor = ActorFactory(municipality=municipality, name="Stadtteilzentrum")
    sender = ActorFactory(municipality=municipality, name="Sportverein Nord")
    receiver = ActorFactory(municipality=municipality, name="Familienhaus Süd")
    stranger = ActorFactory(municipality=municipality, name="Chor Ost")
    TieFactory(municipality=municipality, source=sender, target=actor)
    TieFactory(municipality=municipality, source=actor, target=receiver)
    TieFactory(municipality=municipality, source=sender, target=stranger)
    elsewhere = [ActorFactory(municipality=other_municipality) for _ in range(2)]
    TieFactory(
        municipality=other_municipality, source=elsewhere[0], target=elsewhere[1]
    )
    html = client.get(actor.get_absolute_url()).content.decode()
    assert "Sportverein Nord" in html and "Familienhaus Süd" in html
    assert "Chor Ost" not in html
    for other in (sender, receiver):  # each row links to the other side's page
        assert f'href="{other.get_absolute_url()}">{other.name}</a>' in html
    assert {t.pk for t in Tie.objects.touching(actor)} == {
        t.pk
        for t in Tie.objects.filter(municipality=municipality).exclude(target=stranger)
    }


def test_an_actors_ties_are_read_through_the_side_indexes(client, municipality):
    # With `source = ? OR target = ?` SQLite searched the municipality's index and
    # tested every tie of the municipality (50,000 in the bench data).
    actor = ActorFactory(municipality=municipality)
    others = [ActorFactory(municipality=municipality) for _ in range(3)]
    for other in others:
        TieFactory(municipality=municipality, source=other, target=actor)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(actor.get_absolute_url()).status_code == 200
    ties = [
        q["sql"]
        for q in queries.captured_queries
        if q["sql"].startswith('SELECT "actors_tie"."id"')
    ]
    assert len(ties) == 1
    sql, params = Tie.objects.touching(actor).query.sql_with_params()
    plan = plan_of(sql, params, sorts=True)
    if connection.vendor == "sqlite":
        assert "tie_source_side" in plan and "tie_target_side" in plan, plan
    else:  # PostgreSQL: an index scan for each side, no scan of the table
        assert "Seq Scan on actors_tie" not in plan, plan


def test_the_page_costs_the_same_queries_for_2_and_6_ties(client, municipality):
    actor = ActorFactory(municipality=municipality)
    counts = []
    for n in (2, 4):
        for _ in range(n):
            TieFactory(
                municipality=municipality,
                source=ActorFactory(municipality=municipality),
                target=actor,
            )
        client.get(actor.get_absolute_url())
        with CaptureQueriesContext(connection) as queries:
            html = client.get(actor.get_absolute_url()).content.decode()
        counts.append(len(queries.captured_queries))
    assert html.count('<tr class="kern-table__row">') >= 6
    assert counts[0] == counts[1]


def test_a_coordinator_sees_each_ties_actions_at_their_addresses(
    client_for, municipality, coordinator
):
    from django.urls import reverse

    actor = ActorFactory(municipality=municipality)
    tie = TieFactory(
        municipality=municipality,
        source=ActorFactory(municipality=municipality),
        target=actor,
    )
    html = client_for(coordinator).get(actor.get_absolute_url()).content.decode()
    for name in ("actors:tie_edit", "actors:tie_end", "actors:tie_archive"):
        address = reverse(
            name,
            kwargs={
                "municipality_slug": municipality.slug,
                "pk": actor.pk,
                "tie_pk": tie.pk,
            },
        )
        assert f'"{address}"' in html, name


def _ties(municipality, actor, n, intensity=2, name="Partner"):
    return [
        TieFactory(
            municipality=municipality,
            source=ActorFactory(municipality=municipality, name=f"{name} {i:03d}"),
            target=actor,
            intensity=intensity,
        )
        for i in range(n)
    ]


def test_a_hub_shows_its_closest_20_ties_and_the_rest_behind_next(client, municipality):
    from quartier.core.tests.query_plans import follow_next

    actor = ActorFactory(municipality=municipality)
    _ties(municipality, actor, 24)
    closest = _ties(municipality, actor, 1, intensity=4, name="Engster")[0]
    pages = [r.content.decode() for r in follow_next(client, actor.get_absolute_url())]
    assert len(pages) == 2
    rows = [page.count('<tr class="kern-table__row">') - 1 for page in pages]
    assert rows == [20, 5]  # minus each table's header row
    assert "25 bestätigte Beziehungen." in pages[0]
    assert "Die engsten zuerst, 20 pro Seite." in pages[0]
    # Closest first: the one integration tie opens the first page.
    first_row = pages[0].split('<tbody class="kern-table__body">')[1]
    assert first_row.index(closest.source.name) < first_row.index("Partner 000")
    shown = {f"Partner {i:03d}" for i in range(24)}
    assert {name for name in shown if any(name in page for page in pages)} == shown


def test_a_stale_next_link_shows_the_first_page_of_ties(client, municipality):
    actor = ActorFactory(municipality=municipality)
    ties = _ties(municipality, actor, 21)
    html = client.get(actor.get_absolute_url()).content.decode()
    from quartier.core.tests.query_plans import next_query

    query = next_query(html)
    for tie in ties[-1:]:  # the tie on the second page ends
        tie.status = "ended"
        tie.save()
    html = client.get(f"{actor.get_absolute_url()}?{query}").content.decode()
    assert "Noch keine Beziehungen erfasst." not in html
    assert html.count('<tr class="kern-table__row">') == 21


def test_the_page_costs_the_same_queries_for_3_and_45_ties(client, municipality):
    actor = ActorFactory(municipality=municipality)
    counts, sizes = [], []
    for n in (3, 42):
        _ties(municipality, actor, n)
        client.get(actor.get_absolute_url())
        with CaptureQueriesContext(connection) as queries:
            html = client.get(actor.get_absolute_url()).content.decode()
        counts.append(len(queries.captured_queries))
        sizes.append(html.count('<tr class="kern-table__row">'))
    assert sizes == [4, 21]
    assert counts[0] == counts[1]
