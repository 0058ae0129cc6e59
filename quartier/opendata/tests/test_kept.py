"""The open-data page and the catalogue keep what they compute (opendata/kept.py):
a write through the web shows at once, the municipality's fields and settings
are always current, and what is kept for one municipality never shows for
another."""

import pytest
from django.core.cache import cache
from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS

from quartier.opendata.models import Licence, OpenDataSettings
from quartier.opendata.tests.world import build_world

pytestmark = pytest.mark.django_db

PAGE = "/musterstadt/open-data/"
CATALOGUE = "/musterstadt/open-data/catalog.jsonld"


def _modified(client, path=CATALOGUE):
    graph = Graph()
    graph.parse(data=client.get(path).content, format="json-ld")
    return set(graph.objects(None, DCTERMS.modified))


def test_a_write_through_the_web_shows_on_the_page_and_in_the_catalogue_at_once(
    municipality, client, client_for, admin_user
):
    assert "Noch keine Daten" in client.get(PAGE).content.decode()
    assert _modified(client) == set()
    build_world(municipality)  # rows written outside a request: not seen yet …
    assert "Noch keine Daten" in client.get(PAGE).content.decode()
    response = client_for(admin_user).post(  # … until the next write on the web
        "/musterstadt/open-data/settings/", {"licence": Licence.DL_BY}
    )
    assert response.status_code == 302
    assert "Noch keine Daten" not in client.get(PAGE).content.decode()
    assert _modified(client)


def test_the_catalogue_follows_the_settings_and_the_municipality_at_once(
    municipality, client
):
    assert client.get(CATALOGUE).status_code == 200
    OpenDataSettings.objects.create(municipality=municipality, licence=Licence.CC_BY)
    municipality.name = "Neustadt"
    municipality.save()
    graph = Graph()
    graph.parse(data=client.get(CATALOGUE).content, format="json-ld")
    assert set(graph.objects(None, DCTERMS.license)) == {URIRef(Licence.CC_BY)}
    titles = {str(title) for title in graph.objects(None, DCTERMS.title)}
    assert "Offene Daten – Neustadt" in titles


def test_what_is_kept_for_one_municipality_never_shows_for_another(
    municipality, other_municipality, client
):
    build_world(municipality)
    cache.clear()
    assert _modified(client)
    other = f"/{other_municipality.slug}/open-data/"
    assert _modified(client, other + "catalog.jsonld") == set()
    assert "Noch keine Daten" in client.get(other).content.decode()
