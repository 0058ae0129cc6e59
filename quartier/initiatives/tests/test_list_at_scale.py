"""The initiative list with many initiatives (issue 19): keyset pages ("next/
previous") read from an index in list order, the count stops at its limit, the
queries do not grow with the rows, and no initiative is shown twice now that the
visibility rule uses subqueries instead of joins and DISTINCT."""

from __future__ import annotations

import functools

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from quartier.actors.models import ActorMember
from quartier.actors.tests.factories import ActorFactory
from quartier.core.pagination import keyset_page
from quartier.core.tests.query_plans import (
    assert_read_in_order,
    follow_next,
    next_query,
    the_query,
)
from quartier.initiatives.models import Initiative, InitiativePartner
from quartier.initiatives.tests.test_views import LIST
from quartier.initiatives.views import public

pytestmark = pytest.mark.django_db


def _bulk(municipality, count, **fields):
    return Initiative.objects.bulk_create(
        Initiative(municipality=municipality, title=f"Vorhaben {i:03}", **fields)
        for i in range(count)
    )


def _walk(client):
    """Follow the "next" links from the first page; the initiatives in page order."""
    pages = list(follow_next(client, LIST))
    return [i.pk for r in pages for i in r.context["page"].object_list], len(pages)


def test_next_links_walk_every_visible_initiative_once_in_title_order(
    client, municipality, other_municipality
):
    _bulk(municipality, 45)
    _bulk(municipality, 3, visibility="internal")
    _bulk(other_municipality, 5)
    seen, pages = _walk(client)
    assert pages == 3
    expected = list(
        Initiative.objects.filter(municipality=municipality, visibility="public")
        .order_by("title", "id")
        .values_list("pk", flat=True)
    )
    assert seen == expected


def test_the_count_stops_at_its_limit(client, municipality, monkeypatch):
    monkeypatch.setattr(
        public, "keyset_page", functools.partial(keyset_page, count_limit=5)
    )
    _bulk(municipality, 7)
    html = client.get(LIST).content.decode()
    assert "More than 5 initiatives found" in html or "Mehr als 5 Vorhaben" in html


def test_an_initiative_of_two_of_a_members_organisations_is_listed_once(
    client_for, municipality, partner
):
    lead, helper = (ActorFactory(municipality=municipality) for _ in range(2))
    for actor in (lead, helper):
        ActorMember.objects.create(actor=actor, user=partner)
    shared = Initiative.objects.create(
        municipality=municipality,
        title="Gemeinsam",
        visibility="internal",
        lead_actor=lead,
    )
    InitiativePartner.objects.create(initiative=shared, actor=helper, role="funder")
    InitiativePartner.objects.create(initiative=shared, actor=lead, role="funder")
    page = client_for(partner).get(LIST).context["page"]
    assert [i.pk for i in page.object_list] == [shared.pk]
    assert page.total == 1


@pytest.mark.parametrize("viewer", ["anonymous", "partner", "coordinator"])
def test_the_list_costs_the_same_queries_for_2_and_6_initiatives(
    viewer, client_for, municipality, partner, coordinator
):
    client = client_for({"partner": partner, "coordinator": coordinator}.get(viewer))
    counts = []
    for rows in (2, 4):
        _bulk(municipality, rows)
        client.get(LIST)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(LIST).status_code == 200
        counts.append(len(queries.captured_queries))
    assert counts[0] == counts[1]


@pytest.mark.parametrize("deep", [False, True])
def test_list_pages_are_read_from_an_index_in_list_order(client, municipality, deep):
    # Without the index the database sorts every initiative of the municipality
    # for each page (SQLite: a temporary B-tree; PostgreSQL: a Sort node).

    _bulk(municipality, 45)
    path = LIST
    if deep:
        path += "?" + next_query(client.get(path).content.decode())
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    page = the_query(queries, 'SELECT "initiatives_initiative"."id"', "ORDER BY")
    assert_read_in_order(page, "initiative_list_order")


def test_the_organisation_filter_is_a_search_field_matched_on_the_server(
    client, municipality
):
    lead = ActorFactory(municipality=municipality, name="Familienzentrum Lindenhof")
    helper = ActorFactory(municipality=municipality, name="Sportverein Grün-Weiß")
    hidden = ActorFactory(
        municipality=municipality, name="Sportamt intern", visibility="internal"
    )
    Initiative.objects.create(
        municipality=municipality, title="Geführt", lead_actor=lead
    )
    partnered = Initiative.objects.create(municipality=municipality, title="Partner")
    InitiativePartner.objects.create(initiative=partnered, actor=helper, role="funder")
    Initiative.objects.create(
        municipality=municipality, title="Vom Amt", lead_actor=hidden
    )
    html = client.get(LIST).content.decode()
    assert 'name="organisation"' in html
    for actor in (lead, helper):  # no option per organisation
        assert f'<option value="{actor.pk}"' not in html

    def shown(**params):
        page = client.get(LIST, params).context["page"]
        return {i.title for i in page.object_list}

    assert shown(organisation="lindenhof") == {"Geführt"}
    assert shown(organisation="sport grün") == {"Partner"}
    # A guest's search never matches an internal organisation, by name or id.
    assert shown(organisation="sport") == {"Partner"}
    assert shown(lead=hidden.pk) == set()
    assert shown(lead=lead.pk) == {"Geführt"} and shown(partner=helper.pk) == {
        "Partner"
    }


def test_the_matrix_costs_the_same_queries_for_2_and_6_initiatives(
    client_for, municipality, coordinator
):
    from quartier.initiatives.models import HealthCheck

    client = client_for(coordinator)
    counts = []
    for rows in (2, 4):
        for initiative in _bulk(municipality, rows):
            HealthCheck.objects.create(initiative=initiative, layers=[1, 3])
        client.get(f"{LIST}matrix/")
        with CaptureQueriesContext(connection) as queries:
            html = client.get(f"{LIST}matrix/").content.decode()
        counts.append(len(queries.captured_queries))
    assert counts[0] == counts[1]
    assert html.count(">Vorhaben 00") == 6  # every row of the page


def _with_places_and_topics(municipality, count):
    """`count` initiatives, each with two neighbourhoods, a topic and a lead."""
    from quartier.core.tests.factories import NeighborhoodFactory
    from quartier.directory.models import TaxonomyTerm

    start = Initiative.objects.filter(municipality=municipality).count()
    places = [NeighborhoodFactory(municipality=municipality) for _ in range(2)]
    topic = TaxonomyTerm.objects.create(
        municipality=municipality,
        taxonomy="topic",
        code=f"thema-{start}",
        name=f"Thema {start}",
    )
    made = []
    for n in range(count):
        initiative = Initiative.objects.create(
            municipality=municipality,
            title=f"Vorhaben {start + n:03}",
            lead_actor=ActorFactory(municipality=municipality),
        )
        initiative.neighborhoods.add(*places)
        initiative.topics.add(topic)
        made.append(initiative)
    return made


def test_the_list_costs_the_same_queries_for_cards_with_places_and_topics(
    client, municipality
):
    counts = []
    for rows in (2, 4):
        _with_places_and_topics(municipality, rows)
        client.get(LIST)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(LIST).status_code == 200
        counts.append(len(queries.captured_queries))
    assert counts[0] == counts[1]


def test_a_card_shows_its_places_topics_lead_and_link(client, municipality, resident):
    from quartier.core.tests.factories import NeighborhoodFactory
    from quartier.directory.models import TaxonomyTerm

    north = NeighborhoodFactory(municipality=municipality, name="Nordviertel")
    old_town = NeighborhoodFactory(municipality=municipality, name="Altstadt")
    walking, meeting = (
        TaxonomyTerm.objects.create(
            municipality=municipality, taxonomy="topic", code=code, name=name
        )
        for code, name in (("gehen", "Gehen"), ("treffen", "Begegnung"))
    )
    led = Initiative.objects.create(
        municipality=municipality,
        title="Spaziergangstreff",
        lead_actor=ActorFactory(municipality=municipality, name="Familienzentrum"),
    )
    led.neighborhoods.add(north, old_town)
    led.topics.add(walking, meeting)
    resident.display_name = "Frau Weber"
    resident.save()
    by_person = Initiative.objects.create(
        municipality=municipality, title="Lauftreff", lead_person=resident
    )

    with CaptureQueriesContext(connection) as queries:
        html = client.get(LIST).content.decode()
    page = the_query(queries, 'SELECT "initiatives_initiative"."id"', "ORDER BY")
    assert '"description"' not in page  # the cards' columns only
    cards = {
        title: card
        for card in html.split('<li class="kern-card')[1:]
        for title in ("Spaziergangstreff", "Lauftreff")
        if f">{title}</a>" in card
    }

    assert f'href="/musterstadt/initiatives/{led.pk}/">Spaziergangstreff' in html
    assert f'href="/musterstadt/initiatives/{by_person.pk}/">Lauftreff' in html
    # Neighbourhoods by name, topics in their taxonomy order (position, name).
    assert " · Altstadt · Nordviertel" in cards["Spaziergangstreff"]
    assert "Begegnung, Gehen" in cards["Spaziergangstreff"]
    assert "Familienzentrum" in cards["Spaziergangstreff"]
    assert "Frau Weber" in cards["Lauftreff"]
    assert "Altstadt" not in cards["Lauftreff"]
