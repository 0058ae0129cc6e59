"""The directory list as keyset pages (issue 19): "next" walks every offering once
in list order (by name, the id breaking ties; a search too),
"previous" leads back, a broken or old cursor gives the first page, a deep page needs
the queries of the first, the count stops at a limit, and the page is read from an
index in list order on both databases."""

from __future__ import annotations

import re
import uuid
from html import unescape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from quartier.actors.tests.factories import ActorFactory
from quartier.core.tests.query_plans import (
    assert_read_in_order,
    follow_next,
    next_query,
    the_query,
)
from quartier.directory.models import Service, ServiceStatus
from quartier.directory.search import search_services
from quartier.directory.views import offerings as views

pytestmark = pytest.mark.django_db

PREVIOUS = re.compile(r'<a class="kern-link" rel="prev" href="\?([^"]+)"')


def _list(municipality):
    return reverse("directory:list", kwargs={"municipality_slug": municipality.slug})


def _bulk(municipality, count, name=lambda i: f"Angebot {i % 7}"):
    """`count` listed offerings of one provider; names repeat (ties on the name),
    every third one mentions "Bewegung" once, every ninth twice."""
    provider = ActorFactory(municipality=municipality)
    Service.objects.bulk_create(
        Service(
            id=uuid.uuid4(),
            municipality=municipality,
            provider=provider,
            name=name(i),
            description=" ".join(["Bewegung"] * (1 + (i % 9 == 0)))
            if i % 3 == 0
            else "Beratung",
            status=ServiceStatus.ACTIVE,
        )
        for i in range(count)
    )


def _walk(client, path):
    pages = list(follow_next(client, path))
    return [s.pk for r in pages for s in r.context["page"].object_list], len(pages)


@pytest.mark.parametrize("search", ["", "Bewegung"])
def test_next_links_walk_every_offering_once_in_list_order(
    client, municipality, search
):
    _bulk(municipality, 47)
    path = _list(municipality) + (f"?q={search}" if search else "")
    seen, pages = _walk(client, path)
    offerings = Service.objects.of(municipality)
    if search:
        expected = list(
            search_services(offerings, search, municipality).values_list(
                "pk", flat=True
            )
        )
        assert len(expected) == 16
    else:
        expected = list(offerings.order_by("name", "id").values_list("pk", flat=True))
    named = Service.objects.filter(pk__in=expected).order_by("name", "id")
    assert expected == list(named.values_list("pk", flat=True))
    assert seen == expected
    assert pages == -(-len(expected) // views.PAGE_SIZE)


def test_previous_leads_back_and_a_bad_or_old_cursor_is_the_first_page(
    client, municipality
):
    _bulk(municipality, 25)
    path = _list(municipality)
    first = client.get(path)
    second = client.get(path + "?" + next_query(first.content.decode()))
    assert 'rel="prev"' in second.content.decode()
    back = client.get(
        path + "?" + unescape(PREVIOUS.search(second.content.decode())[1])
    )
    expected = list(first.context["page"].object_list)
    assert list(back.context["page"].object_list) == expected
    for junk in ({"after": "kaputt!"}, {"before": "W10"}, {"page": "3"}):
        response = client.get(path, junk)
        assert response.status_code == 200
        assert list(response.context["page"].object_list) == expected


def test_filters_stay_in_the_next_link(client, municipality):
    _bulk(municipality, 45)
    content = client.get(_list(municipality), {"q": "Beratung", "free": "on"})
    link = next_query(content.content.decode())
    assert "q=Beratung" in link and "free=on" in link and "after=" in link


def test_a_deep_page_needs_the_queries_of_the_first(client, municipality):
    _bulk(municipality, 130)
    path = _list(municipality)
    client.get(path)  # warm caches
    with CaptureQueriesContext(connection) as first:
        response = client.get(path)
    query = ""
    for _ in range(5):
        query = next_query(response.content.decode())
        response = client.get(path + "?" + query)
    with CaptureQueriesContext(connection) as deep:
        client.get(path + "?" + query)
    assert len(deep) == len(first)


def test_a_long_list_is_counted_up_to_the_limit(client, municipality, monkeypatch):
    _bulk(municipality, 12)
    monkeypatch.setattr(views, "COUNT_LIMIT", 10)
    response = client.get(_list(municipality))
    assert (response.context["page"].total, response.context["page"].more) == (
        10,
        True,
    )
    assert "Mehr als 10 Angebote gefunden" in response.content.decode()
    monkeypatch.setattr(views, "COUNT_LIMIT", 1000)
    response = client.get(_list(municipality))
    assert "12 Angebote gefunden" in response.content.decode()
    # A search or filter tests every row it counts: it stops earlier.
    monkeypatch.setattr(views, "FILTERED_COUNT_LIMIT", 3)
    for query in ({"q": "Beratung"}, {"free": "on"}):
        response = client.get(_list(municipality), query)
        assert "Mehr als 3 Angebote gefunden" in response.content.decode()
    response = client.get(_list(municipality), {"q": "Bewegung", "free": "on"})
    assert "Mehr als 3 Angebote gefunden" in response.content.decode()


@pytest.mark.parametrize(
    ("deep", "search"), [(False, ""), (True, ""), (True, "Bewegung")]
)
def test_list_pages_are_read_from_an_index_in_list_order(
    client, municipality, deep, search
):
    # Without the index the database sorts every listed offering of the
    # municipality for each page (SQLite: a temporary B-tree; PostgreSQL: a Sort).
    # A search is read along it too: the list stops after a page of matches
    # instead of scoring and sorting every match.
    _bulk(municipality, 90 if search else 45, name=lambda i: f"Angebot {i:02}")
    path = _list(municipality) + (f"?q={search}" if search else "")
    if deep:
        path = _list(municipality) + "?" + next_query(client.get(path).content.decode())
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    page = the_query(
        queries, 'SELECT "directory_service"."municipality_id"', "ORDER BY"
    )
    assert_read_in_order(page, "directory_service_list_order")


def test_offerings_i_maintain_needs_the_same_queries_for_more_rows(
    client_for, municipality, coordinator
):
    # Each row's link once read the municipality again (one query per offering
    # and per place); the page is a keyset page in the list's order.
    from quartier.directory.tests.factories import LocationFactory

    client = client_for(coordinator)
    path = reverse("directory:manage", kwargs={"municipality_slug": municipality.slug})

    def queries():
        client.get(path)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(path)
        assert response.status_code == 200
        return len(captured), response

    _bulk(municipality, 2)
    LocationFactory(municipality=municipality)
    small, _response = queries()
    _bulk(municipality, 60, name=lambda i: f"Zentrum {i:02}")
    for _ in range(4):
        LocationFactory(municipality=municipality)
    large, response = queries()
    assert small == large
    content = response.content.decode()
    first = response.context["page"].object_list[0]
    assert f'href="{first.get_absolute_url()}"' in content
    following = client.get(path + "?" + next_query(content))
    rest = list(following.context["page"].object_list)
    assert len(rest) == 12 and rest[-1].name == "Zentrum 59"
